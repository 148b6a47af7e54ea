from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("training", "0007_export_job_zip_updated_at")]

    operations = []
