"""Reminder e-mails: before the due date, once overdue, the weekly manager digest; each sent once."""

import datetime
import smtplib
import threading
import time
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends import locmem
from django.core.management import CommandError, call_command
from django.db import connection
from django.tasks import TaskResultStatus
from django.utils import timezone

from tests.factories import EmployeeFactory, make_course
from training.models import Assignment, Employee, Enrolment, ReminderLog
from training.reminders import due_key_to_send, reminders_send
from training.tasks import send_reminders_task

TODAY = datetime.date(2026, 3, 2)  # a Monday, in ISO week 10


@pytest.fixture
def course(db):
    """A small published course: reminders only need its title and address."""
    return make_course(lessons=1, code_of_conduct=False)


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


def person(username, *, first_name=None, last_name="Example", language="en", manager=None):
    return EmployeeFactory(
        user__username=username,
        user__first_name=first_name or username.capitalize(),
        user__last_name=last_name,
        language=language,
        manager=manager,
    ).user


def enrol_due(user, course, due, *, mandatory=True, assignment=True) -> Enrolment:
    """`user` enrolled on `course` due on `due`, through a (mandatory or optional) assignment or on their own."""
    rule = None
    if assignment:
        rule = Assignment.objects.create(
            course=course, target=Assignment.Target.PEOPLE, due_date=due, mandatory=mandatory
        )
    return Enrolment.objects.create(user=user, course=course, due_date=due, assignment=rule)


def logged() -> list[tuple[str, str]]:
    return sorted(ReminderLog.objects.values_list("recipient__username", "key"))


def mail_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def only_mail_to(user):
    (message,) = mail_to(user)
    return message


@pytest.mark.parametrize(
    "days_left, sent, expected",
    [
        (20, [], None),
        (14, [], "due-in-14"),
        (10, ["due-in-14"], None),
        (7, ["due-in-14"], "due-in-7"),
        (3, [], "due-in-7"),  # enrolled late, or runs missed: one reminder, not three
        (1, ["due-in-14"], "due-in-1"),
        (0, ["due-in-14", "due-in-7"], "due-in-1"),  # the due date itself still counts as "due"
        (0, ["due-in-1"], None),
        (5, ["due-in-1"], None),  # schedule shortened after a 1-day reminder went out: nothing older again
        (-1, [], None),  # overdue is another kind of reminder
    ],
)
def test_the_due_reminder_to_send_is_the_smallest_applicable_one_not_sent_yet(days_left, sent, expected):
    assert due_key_to_send(days_left=days_left, sent_keys=sent, schedule=[1, 7, 14]) == expected


@pytest.mark.django_db
def test_each_reminder_goes_out_on_its_day_and_once_however_often_the_job_runs(employee, course):
    enrol_due(employee, course, day(14))

    sent_on = {}
    for offset in range(17):
        for _ in range(2):
            before = set(logged())
            reminders_send(today=day(offset))
            sent_on.update({key: offset for _user, key in set(logged()) - before})

    assert sent_on == {"due-in-14": 0, "due-in-7": 7, "due-in-1": 13, "overdue": 15}
    assert len(mail.outbox) == ReminderLog.objects.count() == 4
    assert [message.to for message in mail.outbox] == [[employee.email]] * 4


@pytest.mark.django_db
def test_a_missed_day_still_gets_one_reminder_not_several(employee, course):
    late = person("late")
    enrol_due(employee, course, day(14))
    enrol_due(late, course, day(3))

    first = reminders_send(today=day(0))
    # No runs for eleven days: Lena's 7-day reminder was missed; on her due date she gets the 1-day one only.
    on_due_date = reminders_send(today=day(14))

    assert (first.due, on_due_date.due, on_due_date.overdue) == (2, 1, 1)
    assert logged() == [
        ("late", "due-in-7"),
        ("late", "overdue"),
        ("learner", "due-in-1"),
        ("learner", "due-in-14"),
    ]


@pytest.mark.django_db
def test_first_run_after_the_due_date_sends_only_the_overdue_reminder(employee, course):
    enrol_due(employee, course, day(-30))

    report = reminders_send(today=TODAY)

    assert (report.due, report.overdue) == (0, 1)
    assert logged() == [("learner", "overdue")]


@pytest.mark.django_db
def test_completed_replaced_and_departed_people_get_nothing(course):
    boss = person("boss")
    done = enrol_due(person("done", manager=boss), course, day(-1))
    Enrolment.objects.filter(pk=done.pk).update(completed_at=timezone.now(), score=100)
    replaced = enrol_due(person("replaced", manager=boss), course, day(-1))
    Enrolment.objects.filter(pk=replaced.pk).update(replaced_at=timezone.now())
    gone = person("gone", manager=boss)
    Employee.objects.filter(user=gone).update(status=Employee.Status.LEFT)
    enrol_due(gone, course, day(7))
    locked_out = person("locked", manager=boss)
    locked_out.is_active = False
    locked_out.save()
    enrol_due(locked_out, course, day(-1))
    no_address = person("noaddress", manager=boss)
    no_address.email = ""
    no_address.save()
    enrol_due(no_address, course, day(-1))

    report = reminders_send(today=TODAY)

    assert report.as_dict() == {"due": 0, "overdue": 0, "digest": 0, "failed": 0}
    assert mail.outbox == [] and logged() == []


@pytest.mark.django_db
def test_managers_get_one_digest_a_week_listing_direct_and_indirect_reports(course):
    boss = person("boss", first_name="Bea")
    middle = person("middle", first_name="Max", last_name="Middle", manager=boss)
    olga = person("olga", first_name="Olga", last_name="Late", manager=middle)
    lena = person("lena", first_name="Lena", last_name="Soon", manager=boss)
    enrol_due(olga, course, day(-3))
    enrol_due(lena, course, day(7))

    monday = reminders_send(today=TODAY)
    reminders_send(today=TODAY)
    wednesday = reminders_send(today=day(2))
    sunday = reminders_send(today=day(6))

    assert (monday.digest, wednesday.digest, sunday.digest) == (2, 0, 0)
    digest = only_mail_to(boss)
    assert digest.subject == "Overdue training in your team (week 10, 2026)"
    assert "- Olga Late: Test course (due 27 February 2026)" in digest.body
    assert "Lena Soon" not in digest.body  # due soon is not overdue
    assert "http://testserver/hr/" in digest.body
    assert "Olga Late" in only_mail_to(middle).body

    next_monday = reminders_send(today=day(7))

    assert next_monday.digest == 2
    assert [key for _user, key in logged() if key.startswith("digest")] == [
        "digest-2026-W10",
        "digest-2026-W11",
        "digest-2026-W10",
        "digest-2026-W11",
    ]
    assert len(mail_to(boss)) == len(mail_to(middle)) == 2


@pytest.mark.django_db
def test_no_digest_when_nobody_in_the_team_is_overdue(course):
    boss = person("boss")
    enrol_due(person("lena", manager=boss), course, day(7))
    enrol_due(person("outsider"), course, day(-1))  # overdue, but not in boss's team

    report = reminders_send(today=TODAY)

    assert (report.due, report.overdue, report.digest) == (1, 1, 0)
    assert mail_to(boss) == []


@pytest.mark.django_db
def test_the_digest_waits_for_its_weekday_and_survives_a_missed_run(course, settings):
    settings.REMINDER_DIGEST_WEEKDAY = 2  # Wednesday
    boss = person("boss")
    enrol_due(person("olga", manager=boss), course, day(-1))

    digests = [reminders_send(today=day(offset)).digest for offset in (0, 1, 3, 4)]  # Wednesday's run missed

    assert digests == [0, 0, 1, 0]


@pytest.mark.django_db
def test_a_manager_who_left_gets_no_digest_but_their_manager_still_does(course):
    boss = person("boss")
    middle = person("middle", manager=boss)
    Employee.objects.filter(user=middle).update(status=Employee.Status.LEFT)
    enrol_due(person("olga", manager=middle), course, day(-1))

    reminders_send(today=TODAY)

    assert mail_to(middle) == []
    assert len(mail_to(boss)) == 1


@pytest.mark.django_db
def test_a_korean_employee_is_reminded_in_korean(course):
    minjun = person("minjun", first_name="민준", language=Employee.Language.KO)
    enrol_due(minjun, course, day(14))

    reminders_send(today=TODAY)

    message = only_mail_to(minjun)
    assert message.subject == "[교육 알림] ‘Test course’ 마감일: 2026년 3월 16일"
    assert message.body.startswith("민준님, 안녕하세요.")
    assert "‘Test course’ 교육의 마감일은 2026년 3월 16일입니다." in message.body
    assert "필수 교육 알림은 해제할 수 없습니다." in message.body


@pytest.mark.django_db
def test_a_person_is_reminded_in_the_language_they_chose_with_the_course_title_in_it(course):
    from cms.services import course_translation_create_from_data
    from training.languages import language_choose

    course_translation_create_from_data(
        course=course, language="de", data={"title": "Testkurs", "intro": "", "lessons": []}
    )
    minjun = person("minjun", first_name="민준", language=Employee.Language.KO)
    language_choose(user=minjun, language="de")
    enrol_due(minjun, course, day(14))

    reminders_send(today=TODAY)

    message = only_mail_to(minjun)
    assert "Testkurs" in message.subject and "Test course" not in message.body
    assert "16. März 2026" in message.body


@pytest.mark.django_db
def test_a_german_employee_and_manager_get_german_with_umlauts(course):
    chefin = person("chefin", first_name="Jürgen", language=Employee.Language.DE)
    grete = person("grete", first_name="Grete", last_name="Müller", language=Employee.Language.DE, manager=chefin)
    enrol_due(grete, course, day(-1))

    reminders_send(today=TODAY)

    message = only_mail_to(grete)
    assert message.subject == "Überfällig: „Test course“ war am 1. März 2026 fällig"
    assert "Hallo Grete," in message.body
    assert "Bitte schließen Sie sie so bald wie möglich ab:" in message.body
    assert "Erinnerungen an Pflichtschulungen lassen sich nicht abbestellen." in message.body
    digest = only_mail_to(chefin)
    assert digest.subject == "Überfällige Schulungen in Ihrem Team (KW 10/2026)"
    assert digest.body.startswith("Hallo Jürgen,")
    assert "- Grete Müller: Test course (fällig am 1. März 2026)" in digest.body
    # Non-ASCII text survives the trip through the mail backend's MIME encoding.
    assert "Überfällig" in str(message.message()["Subject"])


@pytest.mark.django_db
def test_a_taiwanese_employee_is_reminded_in_traditional_chinese(course):
    mei = person("mei", first_name="美玲", language=Employee.Language.ZH_HANT)
    enrol_due(mei, course, day(7))

    reminders_send(today=TODAY)

    message = only_mail_to(mei)
    assert message.subject == "提醒：「Test course」將於2026年3月9日到期"
    assert "必修培訓的提醒無法關閉" in message.body


@pytest.mark.django_db
def test_the_link_is_absolute_and_points_to_the_course(employee, course):
    enrol_due(employee, course, day(7))

    reminders_send(today=TODAY)

    assert course.url.startswith("/")
    assert f"\nhttp://testserver{course.url}\n" in only_mail_to(employee).body


@pytest.mark.django_db
def test_only_mandatory_training_explains_why_reminders_cannot_be_switched_off(course):
    why = "because this training is mandatory for your role"
    mandatory, optional, by_hand = person("mandatory"), person("optional"), person("byhand")
    enrol_due(mandatory, course, day(7))
    enrol_due(optional, course, day(7), mandatory=False)
    enrol_due(by_hand, course, day(7), assignment=False)

    reminders_send(today=TODAY)

    assert why in only_mail_to(mandatory).body
    assert why not in only_mail_to(optional).body
    assert why not in only_mail_to(by_hand).body


@pytest.mark.django_db
def test_plain_text_mail_is_not_html_escaped(employee):
    course = make_course(title="Fire & <safety>", lessons=1, code_of_conduct=False)
    enrol_due(employee, course, day(7))

    reminders_send(today=TODAY)

    message = only_mail_to(employee)
    assert "“Fire & <safety>”" in message.subject and "“Fire & <safety>”" in message.body


class RefusingBackend(locmem.EmailBackend):
    """The locmem backend, except that the mail server refuses refused@example.org."""

    def send_messages(self, messages):
        for message in messages:
            if "refused@example.org" in message.to:
                raise smtplib.SMTPRecipientsRefused({"refused@example.org": (550, b"5.1.1 No such mailbox")})
        return super().send_messages(messages)


@pytest.mark.django_db
def test_a_refused_address_does_not_stop_the_others_and_is_retried_next_run(course, settings, caplog):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    refused, anna, boss = person("refused"), person("anna"), person("boss")
    Employee.objects.filter(user__in=[refused, anna]).update(manager=boss)
    enrol_due(refused, course, day(7))
    enrol_due(anna, course, day(-1))

    first = reminders_send(today=TODAY)

    assert first.as_dict() == {"due": 0, "overdue": 1, "digest": 1, "failed": 1}
    assert logged() == [("anna", "overdue"), ("boss", "digest-2026-W10")]
    assert "due-in-7 to user" in caplog.text and "No such mailbox" in caplog.text

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    second = reminders_send(today=day(1))

    assert second.as_dict() == {"due": 1, "overdue": 0, "digest": 0, "failed": 0}
    assert len(mail_to(refused)) == len(mail_to(anna)) == len(mail_to(boss)) == 1


class SlowBackend(locmem.EmailBackend):
    """Takes a while over each message, as a real mail server does, so that two runs overlap."""

    def send_messages(self, messages):
        time.sleep(0.05)
        return super().send_messages(messages)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need PostgreSQL; SQLite's shared in-memory test database cannot run them",
)
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_reminder_once(settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.SlowBackend"}}
    course = make_course(lessons=1, code_of_conduct=False)
    boss = person("boss")
    for number in range(4):
        enrol_due(person(f"soon{number}", manager=boss), course, day(7))
        enrol_due(person(f"late{number}", manager=boss), course, day(-1))
    barrier = threading.Barrier(2)
    reports = []
    errors = []

    def run():
        try:
            barrier.wait(timeout=10)
            reports.append(reminders_send(today=TODAY))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sum(report.due for report in reports) == 4
    assert sum(report.overdue for report in reports) == 4
    assert sum(report.digest for report in reports) == 1
    assert sum(report.failed for report in reports) == 0
    assert len(mail.outbox) == ReminderLog.objects.count() == 9
    assert len({(tuple(message.to), message.subject) for message in mail.outbox}) == 9


@pytest.mark.django_db
def test_the_command_prints_what_it_sent_and_sends_nothing_twice(employee, course):
    boss = person("boss")
    Employee.objects.filter(user=employee).update(manager=boss)
    enrol_due(employee, course, day(-1))
    enrol_due(person("soon"), course, day(14))

    first, again = StringIO(), StringIO()
    call_command("send_reminders", "--date", "2026-03-02", stdout=first)
    call_command("send_reminders", "--date", "2026-03-02", stdout=again)

    assert first.getvalue().splitlines() == [
        "Due-date reminders sent: 1",
        "Overdue reminders sent: 1",
        "Manager digests sent: 1",
    ]
    assert again.getvalue().splitlines() == [
        "Due-date reminders sent: 0",
        "Overdue reminders sent: 0",
        "Manager digests sent: 0",
    ]
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_the_command_refuses_a_malformed_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "02/03/2026", stdout=StringIO())


@pytest.mark.django_db
def test_the_scheduled_task_sends_todays_reminders_through_the_task_backend(employee, course):
    Enrolment.objects.create(user=employee, course=course, due_date=timezone.localdate() + datetime.timedelta(days=7))

    result = send_reminders_task.enqueue()

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"due": 1, "overdue": 0, "digest": 0, "failed": 0}
    assert len(mail_to(employee)) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("days", [[7, 0], ["7"], [True]])
def test_a_bad_schedule_setting_stops_the_run(settings, days):
    settings.REMINDER_DAYS_BEFORE_DUE = days
    with pytest.raises(ImproperlyConfigured, match="REMINDER_DAYS_BEFORE_DUE"):
        reminders_send(today=TODAY)


@pytest.mark.django_db
def test_moving_the_due_date_starts_the_reminders_again_for_the_new_date(employee, course):
    from training.services import enrolment_due_date_change

    enrolment = enrol_due(employee, course, day(7))
    reminders_send(today=day(0))
    reminders_send(today=day(8))
    assert logged() == [("learner", "due-in-7"), ("learner", "overdue")]

    enrolment_due_date_change(enrolment=enrolment, due_date=day(22), reason="Sick leave", today=day(8))
    for offset in range(8, 24):
        reminders_send(today=day(offset))

    assert [key for _user, key in logged()] == ["due-in-1", "due-in-14", "due-in-7", "due-in-7", "overdue", "overdue"]
    dates = set(ReminderLog.objects.values_list("key", "due_date"))
    assert ("due-in-14", day(22)) in dates and ("overdue", day(22)) in dates and ("overdue", day(7)) in dates


@pytest.mark.django_db
def test_reminders_logged_before_due_dates_were_kept_still_count(employee, course):
    enrolment = enrol_due(employee, course, day(7))
    ReminderLog.objects.create(recipient=employee, enrolment=enrolment, key="due-in-7", due_date=None)

    report = reminders_send(today=day(3))

    assert report.due == 0 and len(mail.outbox) == 0
