import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cms", "0005_review_workflow")]

    operations = [
        migrations.AddField(
            model_name="codeofconductlessonpage",
            name="requires_reacknowledgement",
            field=models.BooleanField(
                default=False,
                help_text="Tick when this change is material: once this version is published, everyone who confirmed an earlier version is asked to confirm it again. Starts unticked at the next edit.",
                verbose_name="requires re-acknowledgement",
            ),
        ),
        migrations.AddField(
            model_name="lessonpage",
            name="minimum_reading_seconds",
            field=models.PositiveIntegerField(
                default=0,
                help_text="Learners can mark the lesson as read (or confirm it) only this long after they first opened this version of it. 0 for no minimum.",
                validators=[django.core.validators.MaxValueValidator(3600)],
                verbose_name="minimum reading time (seconds)",
            ),
        ),
    ]
