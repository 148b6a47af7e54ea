from django.tasks import task


class CertificateRenderLost(Exception):
    """A render job whose worker stopped before it finished: given up by `services.certificates_render_pending`."""


@task()
def certificate_render_task(*, certificate_id: int) -> None:
    """Make a certificate's PDF; a failure is recorded and retried (`services.certificate_render_attempt`), a job
    whose worker was lost is found by `services.certificates_render_pending`."""
    from .services import certificate_render_attempt

    certificate_render_attempt(certificate_id=certificate_id)
