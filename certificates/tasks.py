from django.tasks import task


@task()
def certificate_render_task(*, certificate_id: int) -> None:
    from .services import certificate_render

    certificate_render(certificate_id=certificate_id)
