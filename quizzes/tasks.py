from django.tasks import task


@task()
def close_overdue_attempts_task() -> int:
    """Scheduled job: submit abandoned timed attempts. Takes no model instances, like every task here."""
    from .services import attempts_close_overdue

    return attempts_close_overdue()
