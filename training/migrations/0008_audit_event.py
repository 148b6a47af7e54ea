import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def grant_audit_trail(apps, schema_editor):
    """HR and the new Auditors group see the audit trail (training.roles keeps the same list)."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    event_type, _ = ContentType.objects.get_or_create(app_label="training", model="auditevent")
    permission, _ = Permission.objects.get_or_create(
        content_type=event_type, codename="view_auditevent", defaults={"name": "Can view audit event"}
    )
    for name in ("HR", "Auditors"):
        Group.objects.get_or_create(name=name)[0].permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0007_export_job_zip_updated_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditEvent",
            fields=[
                ("sequence", models.PositiveBigIntegerField(primary_key=True, serialize=False)),
                ("occurred_at", models.DateTimeField()),
                ("actor_name", models.TextField(blank=True)),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("assignment_created", "Course assigned"),
                            ("enrolment_created", "Enrolled"),
                            ("due_date_changed", "Due date changed"),
                            ("lesson_completed", "Lesson read"),
                            ("acknowledged", "Read and understood"),
                            ("attempt_submitted", "Quiz attempt submitted"),
                            ("attempt_graded", "Quiz attempt graded"),
                            ("essay_marked", "Written answer marked"),
                            ("course_completed", "Course completed"),
                            ("certificate_issued", "Certificate issued"),
                            ("certificate_revoked", "Certificate revoked"),
                            ("certificate_reissued", "Certificate re-issued"),
                            ("enrolment_renewed", "Recertification: enrolled again"),
                            ("person_created", "Person added by a staff import"),
                            ("person_updated", "Person changed by a staff import"),
                            ("person_deactivated", "Person deactivated by a staff import"),
                            ("staff_imported", "Staff file imported"),
                        ],
                        max_length=30,
                    ),
                ),
                ("person_name", models.TextField(blank=True)),
                ("course_id", models.IntegerField(blank=True, null=True)),
                ("course_title", models.TextField(blank=True)),
                ("object_type", models.CharField(blank=True, help_text="e.g. training.enrolment", max_length=100)),
                ("object_id", models.CharField(blank=True, max_length=64)),
                ("old_value", models.JSONField(blank=True, null=True)),
                ("new_value", models.JSONField(blank=True, null=True)),
                ("reason", models.TextField(blank=True)),
                ("previous_hash", models.CharField(max_length=64)),
                ("hash", models.CharField(max_length=64)),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-sequence"],
                "default_permissions": ("view",),
                "indexes": [
                    models.Index(fields=["person", "-sequence"], name="auditevent_person_recent"),
                    models.Index(fields=["course_id", "-sequence"], name="auditevent_course_recent"),
                    models.Index(fields=["occurred_at"], name="auditevent_occurred_at"),
                ],
            },
        ),
        migrations.RunPython(grant_audit_trail, migrations.RunPython.noop),
    ]
