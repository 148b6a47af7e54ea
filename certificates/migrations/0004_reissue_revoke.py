import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def issued_for_fill(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    Certificate.objects.update(issued_for=models.F("enrolment"))


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_initial"),
        ("training", "0006_reminder_due_date"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="issued_for",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="issued_certificates",
                to="training.enrolment",
            ),
        ),
        migrations.RunPython(issued_for_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="certificate",
            name="issued_for",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="issued_certificates",
                to="training.enrolment",
            ),
        ),
        migrations.AlterField(
            model_name="certificate",
            name="enrolment",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="certificate",
                to="training.enrolment",
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="revoked_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="superseded_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="certificate",
            name="superseded_reason",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="certificate",
            name="superseded_by",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="supersedes",
                to="certificates.certificate",
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="issued_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Who re-issued it; empty when issued on completion.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.CheckConstraint(
                condition=models.Q(("enrolment__isnull", True), ("superseded_at__isnull", False))
                | models.Q(("enrolment__isnull", False), ("superseded_at__isnull", True)),
                name="certificate_current_or_superseded",
            ),
        ),
        migrations.AddConstraint(
            model_name="certificate",
            constraint=models.CheckConstraint(
                condition=models.Q(("revoked_at__isnull", True)) | ~models.Q(("revoked_reason", "")),
                name="certificate_revocation_has_reason",
            ),
        ),
    ]
