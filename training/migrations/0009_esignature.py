from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("training", "0008_audit_event")]

    operations = []
