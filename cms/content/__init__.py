"""The starter course and the home page, written in each language the product ships with."""

from . import starter_course, starter_course_de, starter_course_ko, starter_course_zh_hant

# The starter course in the source language, and its editions written for each other language (same structure).
COURSE = starter_course.COURSE
COURSE_TRANSLATIONS = {
    "ko": starter_course_ko.COURSE,
    "zh-hant": starter_course_zh_hant.COURSE,
    "de": starter_course_de.COURSE,
}

# The home page's title and introduction, per language.
HOME = {
    "en": (
        "Social confidence",
        "<p>Patients, colleagues and the public talk about health on social media every day. "
        "This is where our staff learn to join in confidently and within the rules.</p>",
    ),
    "ko": (
        "소셜 미디어 자신감",
        "<p>환자와 동료, 그리고 일반 대중은 매일 소셜 미디어에서 건강에 관해 이야기합니다. "
        "이곳에서 우리 직원들은 규정을 지키며 자신 있게 그 대화에 참여하는 방법을 배웁니다.</p>",
    ),
    "zh-hant": (
        "社群媒體自信",
        "<p>病人、同事與社會大眾每天都在社群媒體上談論健康。"
        "在這裡，我們的同仁學習如何在規範之內，自信地參與這些對話。</p>",
    ),
    "de": (
        "Sicher in sozialen Medien",
        "<p>Patientinnen und Patienten, Kolleginnen und Kollegen und die Öffentlichkeit sprechen jeden Tag in "
        "sozialen Medien über Gesundheit. Hier lernen unsere Mitarbeitenden, sich sicher und regelkonform daran "
        "zu beteiligen.</p>",
    ),
}
