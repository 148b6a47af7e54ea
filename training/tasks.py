from django.tasks import task


@task()
def send_reminders_task() -> dict:
    """Scheduled job (daily): send the reminder e-mails due today; returns how many of each kind went out.

    Safe to enqueue more than once a day, or beside `manage.py send_reminders`: no reminder is sent twice.
    """
    from .reminders import reminders_send

    return reminders_send().as_dict()
