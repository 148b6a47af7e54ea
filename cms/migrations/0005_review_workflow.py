from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cms", "0004_certificate_template")]

    operations = []
