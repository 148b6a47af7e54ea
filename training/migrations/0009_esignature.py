import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("training", "0008_audit_event")]

    operations = [
        migrations.AddField(
            model_name="acknowledgement",
            name="content_sha256",
            field=models.CharField(
                blank=True, help_text="SHA-256 of the signed lesson revision's content (canonical JSON).", max_length=64
            ),
        ),
        migrations.AddField(
            model_name="acknowledgement",
            name="meaning",
            field=models.CharField(blank=True, help_text="What the signature means.", max_length=100),
        ),
        migrations.AddField(
            model_name="acknowledgement",
            name="method",
            field=models.CharField(
                blank=True,
                choices=[
                    ("password", "Password re-entered"),
                    ("sso", "Signed in again with the organisation account"),
                    ("none", "Not re-authenticated"),
                ],
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="acknowledgement",
            name="printed_name",
            field=models.CharField(blank=True, help_text="The signer's name as on certificates.", max_length=301),
        ),
        migrations.AddField(
            model_name="acknowledgement",
            name="signature",
            field=models.CharField(blank=True, help_text="HMAC-SHA256 over the signed facts.", max_length=64),
        ),
        migrations.CreateModel(
            name="LessonVisit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("first_opened_at", models.DateTimeField()),
                (
                    "enrolment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="lesson_visits",
                        to="training.enrolment",
                    ),
                ),
                (
                    "lesson",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="cms.lessonpage"
                    ),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="wagtailcore.revision"
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("enrolment", "lesson", "revision"), name="lesson_visit_unique")
                ],
            },
        ),
        migrations.CreateModel(
            name="SignatureFailure",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("failed_at", models.DateTimeField()),
                (
                    "lesson",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="cms.lessonpage",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["user", "-failed_at"], name="signaturefailure_user_recent")],
            },
        ),
    ]
