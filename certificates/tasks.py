from django.tasks import task


@task()
def certificate_render_task(*, certificate_id: int) -> None:
    """Make a certificate's PDF; a failure is recorded and retried (`services.certificate_render_attempt`)."""
    from .services import certificate_render_attempt

    certificate_render_attempt(certificate_id=certificate_id)
