from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.fonts import SOURCE_DIR, SourceFontsMissing, certificate_fonts_build, font_dir


class Command(BaseCommand):
    help = (
        "Make the Korean and Traditional Chinese fonts certificate PDFs embed (subsets of fonts-noto-cjk) in "
        "CERTIFICATE_FONT_DIR. Run once per deploy; does nothing when they are up to date."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source-dir",
            type=Path,
            default=SOURCE_DIR,
            help=f"Where NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc are (default {SOURCE_DIR}).",
        )
        parser.add_argument("--force", action="store_true", help="Build again even when the fonts are up to date.")

    def handle(self, *args, source_dir, force, **options):
        target = font_dir()
        try:
            written = certificate_fonts_build(source_dir=source_dir, target_dir=target, force=force)
        except SourceFontsMissing as missing:
            raise CommandError(
                f"Noto Sans CJK not found ({missing}). Install it (Debian/Ubuntu: apt-get install fonts-noto-cjk) "
                "or pass --source-dir. Until then certificates with Korean or Chinese text are rendered with "
                "whatever CJK font fontconfig finds: slower, and with missing-glyph boxes if there is none."
            ) from missing
        if written:
            self.stdout.write(f"Wrote {len(written)} files to {target}.")
        else:
            self.stdout.write(f"Certificate fonts in {target} are up to date.")
