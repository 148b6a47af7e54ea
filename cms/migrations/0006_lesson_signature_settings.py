from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cms", "0005_review_workflow")]

    operations = []
