"""Starter course content in German; mirrors starter_course.py."""

COURSE = {
    "title": "Souverän in sozialen Medien: Social Confidence für Beschäftigte im Gesundheitswesen",
    "slug": "social-confidence-for-healthcare-staff",
    "intro": (
        "<p>Patientinnen und Patienten, Angehörige sowie Kolleginnen und Kollegen "
        "sprechen in den sozialen Medien längst über Gesundheit. Dieser Kurs hilft Ihnen, "
        "sich sicher an diesem Gespräch zu beteiligen: was Sie sagen dürfen, was Sie "
        "niemals sagen dürfen und was zu tun ist, wenn etwas, das Sie online sehen, ein "
        "Handeln erfordert.</p>"
        "<p>Er richtet sich an Pflegekräfte, Ärztinnen und Ärzte, Apothekerinnen und "
        "Apotheker sowie alle, die in einem Krankenhaus, einer Klinik oder einem "
        "Pharmaunternehmen arbeiten. Die Bearbeitung dauert etwa eine Stunde.</p>"
        "<h3>So ist der Kurs aufgebaut</h3>"
        "<ol>"
        "<li><b>Zwei Leitlinien-Lektionen</b> erklären, warum das Gesundheitswesen in die "
        "sozialen Medien gehört und wie Sie dort souverän auftreten.</li>"
        "<li><b>Unser Verhaltenskodex</b> legt die Regeln fest, deren Kenntnisnahme Sie "
        "bestätigen.</li>"
        "<li><b>Fünf Fallstudien</b> zeigen, was bei realen Organisationen funktioniert "
        "hat und was schiefgegangen ist.</li>"
        "<li><b>Ein Abschlusstest</b> prüft Ihr Verständnis. Zum Bestehen benötigen Sie "
        "80 %, das Zertifikat ist 12 Monate gültig.</li>"
        "</ol>"
        "<p>Dieser Kurs ersetzt nicht die Social-Media-Richtlinie Ihrer eigenen "
        "Organisation. Sollten sich beide einmal zu widersprechen scheinen, gilt Ihre "
        "interne Richtlinie; wenden Sie sich in diesem Fall an Ihre "
        "Kommunikationsabteilung.</p>"
    ),
    "validity_months": 12,
    "lessons": [
        # ------------------------------------------------------------------
        # 1. Guideline
        # ------------------------------------------------------------------
        {
            "kind": "guideline",
            "title": "Warum das Gesundheitswesen in die sozialen Medien gehört",
            "slug": "why-healthcare-belongs-on-social-media",
            "summary": (
                "Über Gesundheit wird in den sozialen Medien ohnehin gesprochen, mit uns oder "
                "ohne uns. Diese Lektion zeigt, warum unsere Stimme dort zählt und warum uns eher "
                "die eigene Zurückhaltung als die Regulierung schweigen lässt."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Das Gespräch findet längst statt</h2>"
                        "<p>Mit einer Gesundheitsfrage gehen viele Menschen heute nicht mehr zuerst ins "
                        "Wartezimmer. Sie wenden sich an eine Suchmaschine, ein Patientenforum, eine "
                        "Facebook-Gruppe oder ein kurzes Video. Umfragen in den USA zufolge nutzt rund "
                        "ein Drittel der Erwachsenen soziale Netzwerke, um Menschen mit derselben "
                        "Erkrankung zu finden. Sie vergleichen Symptome, tauschen Tipps zu Nebenwirkungen "
                        "aus, empfehlen Kliniken und warnen einander vor bestimmten Behandlungen.</p>"
                        "<p>Auch die Ärzteschaft ist Teil dieses Wandels. Die meisten Ärztinnen und Ärzte "
                        "möchten soziale Medien beruflich nutzen: um Wissen mit Fachkolleginnen und "
                        "-kollegen zu teilen, neue Forschung zu verfolgen und Patientinnen und Patienten "
                        "mit verlässlichen Informationen zu erreichen. Pflegekräfte sowie Apothekerinnen "
                        "und Apotheker gehören in ihrem Umfeld oft zu den vertrauenswürdigsten Stimmen, "
                        "online wie offline.</p>"
                    ),
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Das Gesundheitswesen hinkt hinterher</h2>"
                        "<p>Im Vergleich zu Handel, Reisebranche, Banken oder Technologieunternehmen "
                        "haben sich Krankenhäuser und Pharmaunternehmen nur zögerlich beteiligt. Viele "
                        "Auftritte bestehen kaum aus mehr als Pressemitteilungen und Stellenanzeigen. "
                        "Kommentare sind abgeschaltet oder bleiben unbeantwortet. Den Beschäftigten wird "
                        "faktisch signalisiert: Halten Sie sich fern.</p>"
                        "<p>Es liegt nahe, der Regulierung die Schuld zu geben. Das Gesundheitswesen ist "
                        "reguliert, und manche Regeln sind streng, etwa das Verbot, Arzneimittel "
                        "außerhalb ihrer zugelassenen Anwendung zu bewerben. Doch wenn Organisationen "
                        "ehrlich prüfen, was sie zurückhält, ist das größte Hindernis meist <b>interne "
                        "Zurückhaltung</b>: Die Menschen wissen schlicht nicht, was sie sagen dürfen. Und "
                        "wenn sich niemand sicher ist, scheint Schweigen die sicherste Antwort zu "
                        "sein.</p>"
                        "<p>Diese Unsicherheit lässt sich beheben. Die Regeln, die online gelten, sind "
                        "größtenteils dieselben, die Sie bei der Arbeit ohnehin jeden Tag befolgen: "
                        "Schweigepflicht und Datenschutz wahren, keine Ratschläge ohne fachliche "
                        "Einschätzung geben, sicherheitsrelevante Informationen melden, innerhalb der "
                        "zugelassenen Anwendung bleiben. Dieser Kurs macht diese Regeln ausdrücklich, "
                        "damit Sie souverän danach handeln können.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "note",
                        "title": "Schweigen ist nicht neutral",
                        "text": (
                            "<p>Wenn qualifizierte Fachleute schweigen, bleibt der Raum nicht leer. Er füllt "
                            "sich mit Gerüchten, Wundermitteln, beängstigenden Einzelgeschichten und Werbung, "
                            "die sich als Ratschlag tarnt. Jede unbeantwortete Frage beantwortet jemand "
                            "anderes, und dieser Jemand liegt womöglich falsch.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Was wir gewinnen, wenn wir uns beteiligen</h2>"
                        "<ul>"
                        "<li><b>Besser informierte Patientinnen und Patienten.</b> Klare, korrekte "
                        "Informationen über eine Erkrankung, ein Früherkennungsprogramm oder die sichere "
                        "Einnahme eines Arzneimittels helfen Menschen, bessere Entscheidungen zu treffen, "
                        "noch bevor sie zu uns kommen.</li>"
                        "<li><b>Frühwarnung.</b> Patientinnen und Patienten schildern Probleme oft "
                        "online, bevor sie sie offiziell ansprechen. Wer zuhört, erkennt "
                        "Sicherheitssignale, Versorgungsmängel und Missverständnisse frühzeitig.</li>"
                        "<li><b>Vertrauen.</b> Eine Organisation, die Fragen offen beantwortet, Fehler "
                        "eingesteht und Falsches richtigstellt, gewinnt eine Glaubwürdigkeit, die sich "
                        "mit keiner Kampagne kaufen lässt.</li>"
                        "<li><b>Eine korrigierende Stimme.</b> Wenn sich Falschinformationen verbreiten, "
                        "kann eine ruhige, mit Quellen belegte Antwort einer echten Pflegekraft, "
                        "Apothekerin oder Ärztin ebenso weite Kreise ziehen.</li>"
                        "</ul>"
                        "<p>Dafür muss niemand zur Influencerin oder zum Influencer werden. Es genügt, "
                        "dass genügend Menschen die Regeln so gut kennen, dass sie im entscheidenden "
                        "Moment wissen, was sie sagen dürfen und wohin sie weitergeben, was sie nicht "
                        "selbst beantworten dürfen.</p>"
                    ),
                },
                {
                    "type": "quote",
                    "value": {
                        "quote": (
                            "Das Risiko liegt nicht nur in dem, was wir online sagen, sondern auch in dem, "
                            "was wir ungesagt lassen."
                        ),
                        "attribution": "Der Grundgedanke dieses Kurses",
                    },
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "Patientinnen und Patienten nutzen soziale Medien bereits, um sich über "
                            "Gesundheit zu informieren und Menschen mit derselben Erkrankung zu finden.",
                            "Die meisten Ärztinnen und Ärzte möchten soziale Medien beruflich nutzen; "
                            "Beschäftigte im Gesundheitswesen genießen großes Vertrauen.",
                            "Krankenhäuser und Pharmaunternehmen hinken anderen Branchen hinterher, vor allem "
                            "weil die Beschäftigten unsicher sind, was sie sagen dürfen, und nicht weil die "
                            "Regulierung es verbietet.",
                            "Schweigen ist nicht neutral: Falschinformationen füllen die Lücke, die wir lassen.",
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # 2. Guideline
        # ------------------------------------------------------------------
        {
            "kind": "guideline",
            "title": "Leitlinien für einen souveränen Auftritt",
            "slug": "guidelines-for-speaking-with-confidence",
            "summary": (
                "Neun praktische Grundsätze für Organisationen und Einzelne: auf Inhalte "
                "konzentrieren, klein anfangen, zuerst zuhören, transparent sein und das Team, "
                "die Unterstützung und die Schulungen aufbauen, die sicheres Kommunizieren "
                "möglich machen."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Souveränität im Netz entsteht nicht dadurch, dass man jede Plattform kennt. "
                        "Sie entsteht aus wenigen klaren Grundsätzen, die alle in der Organisation "
                        "teilen. Die folgenden machen den größten Unterschied.</p>"
                        "<h3>1. Auf den Inhalt kommt es an, nicht auf den Kanal</h3>"
                        "<p>Plattformen ändern sich jedes Jahr, die Regeln dafür, was Sie sagen dürfen, "
                        "nicht. <b>Was offline regelkonform ist, ist auch online regelkonform, und was "
                        "offline nicht regelkonform ist, ist es online ebenso wenig.</b> Wenn Sie etwas "
                        "in einer freigegebenen Patienteninformation, einem öffentlichen Vortrag oder im "
                        "Gespräch am Apothekentresen sagen könnten, können Sie es in der Regel auch in "
                        "einem Beitrag sagen. Wenn nicht, wird es durch einen neuen Kanal nicht "
                        "zulässig.</p>"
                        "<h3>2. Klein anfangen</h3>"
                        "<p>Sie müssen nicht in jedem Netzwerk präsent sein. Beginnen Sie mit einer "
                        "Sache, die Sie gut machen können: einem Blog mit praktischen Tipps Ihrer "
                        "Pflegekräfte oder einer echten Beziehung zu einer Patientengemeinschaft. Lernen "
                        "Sie daraus, und bauen Sie dann aus.</p>"
                        "<h3>3. Gut vorbereiten, aber flexibel bleiben</h3>"
                        "<p>Legen Sie im Voraus fest, was Sie veröffentlichen, wer welche Art von Fragen "
                        "beantwortet und wie eskaliert wird. Rechnen Sie dann damit, dass Gespräche "
                        "selten nach Plan verlaufen. Gerade die Vorbereitung ermöglicht es Ihnen, in "
                        "diesen Fällen schnell zu reagieren.</p>"
                        "<h3>4. Erst zuhören, dann sprechen</h3>"
                        "<p>Social Listening bedeutet, systematisch zu verfolgen, was Menschen "
                        "tatsächlich über eine Erkrankung, eine Behandlung oder Ihre Organisation sagen. "
                        "So erfahren Sie, wo sich Ihre Zielgruppe aufhält, was sie braucht und was sie "
                        "beunruhigt. <b>Das Zuhören bestimmt den Kanal</b>, nicht umgekehrt.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "do",
                        "title": "Stellen Sie die Offline-Frage",
                        "text": (
                            "<p>Fragen Sie sich vor dem Posten: <i>Würde ich das mit genau diesen Worten auch "
                            "einer Patientin oder einem Patienten direkt sagen, während meine Führungskraft "
                            "und die Aufsichtsbehörde zuhören?</i> Wenn ja, ist der Kanal selten das "
                            "Problem.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>5. Transparent und authentisch sein</h3>"
                        "<p>Sagen Sie, wer Sie sind und für wen Sie arbeiten. Schreiben Sie wie ein "
                        "Mensch, nicht wie eine Pressemitteilung. Untermauern Sie all das mit einem "
                        "klaren <b>digitalen Ethikkodex</b>, den alle lesen können, damit Ehrlichkeit ein "
                        "gemeinsamer Standard ist und keine persönliche Entscheidung.</p>"
                        "<h3>6. Ein eigenes Team mit vorab freigegebenen Inhalten aufbauen</h3>"
                        "<p>Wenn jeder Beitrag eine vollständige Prüfung von Grund auf durchläuft, kommt "
                        "nichts mehr rechtzeitig. Ein kleines, geschultes Team, das mit <b>vorab "
                        "freigegebenen Inhaltstypen</b> arbeitet (Fakten zur Krankheitsaufklärung, "
                        "Informationen zum Leistungsangebot, Veranstaltungshinweise, Standardantworten "
                        "auf häufige Fragen), braucht weit weniger Einzelfreigaben. Die Prüfenden geben "
                        "den Rahmen einmal frei, das Team arbeitet innerhalb dieses Rahmens.</p>"
                        "<h3>7. Rechtsabteilung, Regulatory Affairs, Medizin und CSR ins Boot holen</h3>"
                        "<p>Beziehen Sie Kolleginnen und Kollegen aus Rechtsabteilung, Regulatory "
                        "Affairs, Medical Affairs und Corporate Social Responsibility (CSR) frühzeitig "
                        "ein, als Partner und nicht als bloße Kontrollinstanz. Wenn sie die Regeln "
                        "mitgestalten, vertrauen sie dem Team auch bei deren Anwendung.</p>"
                        "<h3>8. Beschäftigte kontinuierlich schulen</h3>"
                        "<p>Eine einzige Schulung bei der Einarbeitung reicht nicht. Plattformen, Risiken "
                        "und Vorschriften verändern sich. Regelmäßige, kurze Auffrischungen wie dieser "
                        "Kurs halten alle auf dem aktuellen Stand.</p>"
                        "<h3>9. Die Erfolgsmessung laufend verbessern</h3>"
                        "<p>Der Return on Investment (ROI) bemisst sich im Gesundheitswesen nicht nur an "
                        "Likes und Followern. Achten Sie auf beantwortete Fragen, korrigierte "
                        "Falschinformationen, erfasste Sicherheitsmeldungen, gebuchte Termine und gelöste "
                        "Beschwerden. Verfeinern Sie diese Kennzahlen, während Sie dazulernen.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "dont",
                        "title": "Fangen Sie nicht mit der Plattform an",
                        "text": (
                            "<p>Ein Konto zu eröffnen, weil ein neues Netzwerk gerade angesagt ist, bevor Sie "
                            "wissen, was Sie sagen wollen oder wer antwortet: So beginnen verwaiste Seiten "
                            "und unbeantwortete Beschwerden.</p>"
                        ),
                    },
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "Was offline regelkonform ist, ist auch online regelkonform; bewerten Sie den "
                            "Inhalt, nicht den Kanal.",
                            "Klein anfangen, gut vorbereiten und flexibel bleiben.",
                            "Erst zuhören, dann sprechen: Social Listening bestimmt den Kanal.",
                            "Transparenz und Authentizität beruhen auf einem klaren digitalen Ethikkodex.",
                            "Ein eigenes Team mit vorab freigegebenen Inhaltstypen braucht weniger Einzelfreigaben.",
                            "Unterstützung von Rechtsabteilung, Regulatory Affairs, Medizin und CSR gewinnen, "
                            "kontinuierlich schulen und die ROI-Messung laufend verfeinern.",
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # 3. Code of conduct
        # ------------------------------------------------------------------
        {
            "kind": "code_of_conduct",
            "title": "Unser Verhaltenskodex für soziale Medien",
            "slug": "our-code-of-conduct-online",
            "summary": (
                "Acht Regeln, die alle Beschäftigten befolgen, wenn sie online über Gesundheit "
                "oder über unsere Organisation sprechen. Sie werden gebeten, diese Regeln zu "
                "bestätigen."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Diese Regeln gelten immer dann, wenn Sie etwas über Gesundheit oder über "
                        "unsere Organisation posten, kommentieren, teilen oder als Nachricht versenden, "
                        "ob über einen offiziellen oder Ihren privaten Account. Sie sollen Sie nicht zum "
                        "Schweigen bringen. Sie sollen Ihnen ermöglichen zu sprechen, weil Sie wissen, wo "
                        "die Grenzen liegen.</p>"
                        "<h3>1. Offenlegen, für wen Sie arbeiten</h3>"
                        "<p>Wenn Sie über unsere Leistungen, unsere Produkte oder die Erkrankungen "
                        "sprechen, die damit behandelt werden, sagen Sie, dass Sie bei uns arbeiten. Ein "
                        "einfacher Satz wie „Ich bin Apothekerin bei …“ genügt. Nicht offengelegtes Lob "
                        "für den eigenen Arbeitgeber ist irreführend und kann in der Pharmabranche als "
                        "Werbung gewertet werden.</p>"
                        "<h3>2. Schweigepflicht und Datenschutz wahren</h3>"
                        "<p>Teilen Sie niemals etwas, das eine Patientin oder einen Patienten "
                        "identifizierbar machen könnte: Namen, Fotos, Daten, Stations- oder "
                        "Zimmernummern, seltene Erkrankungen oder ungewöhnliche Umstände. Seien Sie "
                        "vorsichtig mit „anonymisierten“ Geschichten. Ein lokales Publikum erkennt eine "
                        "Person oft schon an wenigen Details wie Alter, Wohnort und dem Tag des "
                        "Geschehens. Im Zweifel gilt: weglassen.</p>"
                        "<h3>3. Die persönliche Versorgung unterstützen, nie ersetzen</h3>"
                        "<p>Informationen im Netz unterstützen die Versorgung; sie ersetzen nicht die "
                        "Einschätzung durch eine Fachkraft, die die Patientin oder den Patienten kennt. "
                        "Geben Sie online keine individuelle medizinische Beratung, so einfach die Frage "
                        "auch wirken mag. Bieten Sie allgemeine, freigegebene Informationen an und "
                        "verweisen Sie die Person an ihre behandelnde Ärztin oder ihren behandelnden "
                        "Arzt, an das Pflegeteam oder an die Apotheke. <b>Behandeln Sie niemals einen "
                        "Notfall online</b>: Wenn jemand Brustschmerzen, Atemnot, Gedanken an "
                        "Selbstverletzung oder ein anderes dringendes Symptom schildert, fordern Sie die "
                        "Person auf, sofort den Notruf 112 zu wählen, und informieren Sie anschließend "
                        "Ihr Team.</p>"
                        "<h3>4. Nebenwirkungen melden</h3>"
                        "<p>Wenn Sie einen Beitrag oder Kommentar sehen, der eine mögliche Nebenwirkung, "
                        "eine fehlende Wirksamkeit oder ein anderes Problem mit einem unserer Produkte "
                        "beschreibt, melden Sie ihn innerhalb der unternehmensinternen Fristen an die "
                        "Pharmakovigilanz. Melden Sie ihn <b>auch dann, wenn Sie unsicher sind</b>, ob er "
                        "meldepflichtig ist, und auch dann, wenn Angaben fehlen. Die Bewertung ist "
                        "Aufgabe der Arzneimittelsicherheit, nicht Ihre.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "do",
                        "title": "Im Zweifel melden",
                        "text": (
                            "<p>Machen Sie einen Screenshot, notieren Sie Link und Uhrzeit, und leiten Sie "
                            "beides noch am selben Tag über den üblichen Meldeweg an die Pharmakovigilanz "
                            "weiter. Diskutieren Sie nicht mit der Verfasserin oder dem Verfasser, und fragen "
                            "Sie nicht öffentlich nach weiteren medizinischen Details.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>5. Keine Werbung außerhalb der zugelassenen Anwendung</h3>"
                        "<p>Bewerben Sie niemals ein Arzneimittel oder Medizinprodukt für eine Anwendung, "
                        "Dosierung oder Patientengruppe, für die es nicht zugelassen ist (Off-Label-Use). "
                        "Das gilt auch, wenn Sie einen entsprechenden Beitrag anderer teilen oder liken. "
                        "Werden Sie nach einer Off-Label-Anwendung gefragt, antworten Sie nicht "
                        "öffentlich, sondern leiten Sie die Frage an die Medizinische Information "
                        "weiter.</p>"
                        "<h3>6. Niemals Kapital aus Angst, Krankheit oder Tod schlagen</h3>"
                        "<p>Nutzen Sie keinen Krankheitsausbruch, keine beängstigende Nachricht und keine "
                        "Erkrankung und keinen Todesfall, auch nicht den eines Prominenten, um eine "
                        "Leistung oder ein Produkt zu verkaufen. Damit nutzen Sie Menschen in ihrem "
                        "verletzlichsten Moment aus und zerstören Vertrauen.</p>"
                        "<h3>7. Falschinformationen mit Fakten und Quellen richtigstellen</h3>"
                        "<p>Wenn Sie falsche Gesundheitsinformationen sehen, reagieren Sie ruhig, mit "
                        "korrekten Fakten und einem Link zu einer verlässlichen Quelle. Korrigieren Sie "
                        "die Behauptung, nicht die Person. Machen Sie sich nicht lustig, und lassen Sie "
                        "sich nicht in lange Diskussionen verwickeln.</p>"
                        "<h3>8. Kritik niemals ignorieren</h3>"
                        "<p>Jede Beschwerde und jeder kritische Kommentar wird entweder beantwortet oder "
                        "an das zuständige Team eskaliert. Einseitige Kommunikation, bei der wir nur "
                        "senden und nie antworten, wird im Netz abgestraft: Schweigen wirkt wie "
                        "Gleichgültigkeit oder Schuldeingeständnis, und die Kritik wächst. Löschen Sie "
                        "keine berechtigte Kritik.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "dont",
                        "title": "Antworten Sie nicht aus dem Bauch heraus",
                        "text": (
                            "<p>Wenn ein Kommentar Sie verärgert oder in die Defensive drängt, treten Sie "
                            "einen Schritt zurück und eskalieren Sie ihn. Eine überhastete Antwort auf einem "
                            "offiziellen Account kann selbst zur Schlagzeile werden.</p>"
                        ),
                    },
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "Legen Sie offen, für wen Sie arbeiten.",
                            "Teilen Sie niemals identifizierbare Patientendaten; auch „anonymisierte“ "
                            "Geschichten können Rückschlüsse auf die Person zulassen.",
                            "Keine individuelle medizinische Beratung online; im Notfall auf den Notruf verweisen.",
                            "Melden Sie jede mögliche Nebenwirkung fristgerecht an die Pharmakovigilanz, auch "
                            "wenn Sie unsicher sind.",
                            "Keine Off-Label-Werbung; niemals Kapital aus Angst, Krankheit oder Tod schlagen.",
                            "Falschinformationen mit Fakten und Quellen richtigstellen und Kritik niemals "
                            "ignorieren: beantworten oder eskalieren.",
                        ],
                    },
                },
            ],
            "acknowledgement_text": (
                "Ich habe diesen Verhaltenskodex gelesen und verstanden und werde ihn befolgen, "
                "wann immer ich online über Gesundheit oder über meine Organisation spreche: Ich "
                "lege offen, für wen ich arbeite, wahre Schweigepflicht und Datenschutz, gebe "
                "keine individuelle medizinische Beratung, melde mögliche Nebenwirkungen, "
                "unterlasse Off-Label-Werbung, schlage niemals Kapital aus Angst oder Krankheit, "
                "stelle Falschinformationen mit Fakten richtig und beantworte oder eskaliere "
                "Kritik."
            ),
        },
        # ------------------------------------------------------------------
        # 4. Case study
        # ------------------------------------------------------------------
        {
            "kind": "case_study",
            "title": "Die Seite eines Chirurgen, die zum Ort des Zuhörens wurde",
            "slug": "a-surgeons-page-that-became-a-listening-centre",
            "summary": (
                "Der Leiter einer Gruppe von Schönheitskliniken eröffnete eine eigene "
                "Facebook-Seite und baute sie zu einem von Mitarbeitenden betreuten "
                "Social-Media-Zentrum aus, das auf Zuhören statt auf Verkaufen ausgerichtet war."
            ),
            "situation": (
                "<p>Um 2011 war eine Gruppe von Schönheitskliniken in Seoul in einem der "
                "umkämpftesten und am stärksten kritisierten Bereiche des Gesundheitswesens "
                "tätig. Interessierte recherchierten Kliniken intensiv im Netz, verglichen "
                "Vorher-nachher-Geschichten und tauschten untereinander ihre Sorgen zu "
                "Sicherheit, Schmerzen und Kosten aus. Die meisten Kliniken nutzten das Internet "
                "als Schaufenster.</p>"
            ),
            "what_happened": (
                "<p>Der Leiter der Gruppe eröffnete eine Facebook-Seite unter seinem eigenen "
                "Namen und begann, selbst zu antworten: auf allgemeine Fragen zu Eingriffen, "
                "Genesung und Risiken. Die Fragen rissen nicht ab. In den Jahren 2011 und 2012 "
                "wuchs die Seite zu einem eigenen Social-Media-Zentrum heran, das von geschulten "
                "Mitarbeitenden betrieben wurde. Dessen Aufgabe war das Zuhören: zu erfassen, was "
                "die Menschen fragten und was sie beunruhigte, offen zu antworten und das Gehörte "
                "in die Leistungen und Informationen der Klinik zurückzuspielen.</p>"
            ),
            "what_to_learn": (
                "<p>Klein und persönlich anfangen, dann ein Team um das aufbauen, was "
                "funktioniert. Auf Zuhören ausrichten, nicht auf Verkaufen. Eine Präsenz, die "
                "echte Fragen beantwortet, gewinnt Vertrauen, das sich mit Werbung nicht erkaufen "
                "lässt.</p>"
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Die Ausgangslage</h2>"
                        "<p>Schönheitschirurgie ist planbar, teuer und emotional. Wer über einen Eingriff "
                        "nachdenkt, liest oft monatelang im Netz, bevor er überhaupt eine Klinik anruft. "
                        "Die Menschen wollen wissen, wie sich die Genesung anfühlt, was schiefgehen kann "
                        "und ob sie dem Chirurgen vertrauen können. In einem umkämpften Markt antworteten "
                        "die meisten Kliniken mit Werbung: Hochglanzfotos, Rabatte, Versprechen.</p>"
                        "<p>Um 2011 schlug der Leiter einer Gruppe von Schönheitskliniken in Seoul einen "
                        "anderen Weg ein. Statt eine weitere Kampagne in Auftrag zu geben, eröffnete er "
                        "eine Facebook-Seite unter seinem eigenen Namen.</p>"
                        "<h2>Was geschah</h2>"
                        "<p>Er nutzte die Seite, um ins Gespräch zu kommen und vor allem, um zu "
                        "antworten. Er erklärte allgemein, was Eingriffe umfassen, wie lange die Genesung "
                        "dauert und welche Risiken man mit einem Chirurgen besprechen sollte. Weil die "
                        "Antworten von einer namentlich bekannten Fachperson kamen, beteiligten sich die "
                        "Menschen. Die Zahl der Fragen stieg rasch, weit über das hinaus, was ein "
                        "einzelner vielbeschäftigter Chirurg bewältigen konnte.</p>"
                        "<p>Statt die Seite zu schließen oder einer Werbeagentur zu übergeben, baute die "
                        "Gruppe darauf auf. In den Jahren 2011 und 2012 wuchs die Seite zu einem "
                        "<b>Social-Media-Zentrum</b> heran: einem kleinen, eigenen Team geschulter "
                        "Mitarbeitender, das Gespräche beobachtete, Fragen beantwortete und Anliegen an "
                        "die zuständigen Ärztinnen und Ärzte weiterleitete. Das Team war auf Zuhören "
                        "ausgerichtet, nicht auf Verkaufen. Seine Aufgabe war es zu verstehen, was die "
                        "Menschen beunruhigte, etwa Narben, Narkose, Nachsorge oder Kosten, und dafür zu "
                        "sorgen, dass diese Sorgen ehrlich beantwortet wurden, auf der Seite ebenso wie "
                        "in den eigenen Informationen der Klinik.</p>"
                        "<p>Was das Team hörte, prägte auch das Angebot. Aus wiederkehrenden Fragen "
                        "wurden verständlichere Patienteninformationen. Aus wiederkehrenden Beschwerden "
                        "wurden Verbesserungen. Die Seite war kein Marketingkanal mehr, sondern ein Weg, "
                        "auf dem die Organisation ihren Patientinnen und Patienten zuhörte.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "note",
                        "title": "Individuelle Beratung gehört weiterhin ins Sprechzimmer",
                        "text": (
                            "<p>Auch die Seite eines angesehenen Chirurgen darf kein Ort für individuelle "
                            "Diagnosen werden. Das Team gab allgemeine Informationen und lud die Menschen zu "
                            "einem regulären Beratungsgespräch ein, sobald es um ihren persönlichen Fall "
                            "ging. Genau das verlangt unser Verhaltenskodex auch von Ihnen.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Was Sie daraus lernen können</h2>"
                        "<ul>"
                        "<li><b>Klein und persönlich anfangen.</b> Eine einzige Person, die Fragen "
                        "ehrlich beantwortete, genügte, um den Bedarf zu belegen.</li>"
                        "<li><b>Ein Team um das aufbauen, was funktioniert.</b> Als die Nachfrage eine "
                        "einzelne Person überforderte, lautete die Antwort: ein geschultes, eigenes Team, "
                        "nicht Schweigen.</li>"
                        "<li><b>Mehr zuhören als verkaufen.</b> In einem Bereich, der für aggressiven "
                        "Verkauf bekannt ist, stach gerade das Zuhören heraus.</li>"
                        "<li><b>Den Kreis schließen.</b> Zuhören ist nur dann wertvoll, wenn das Gehörte "
                        "Ihr Handeln verändert.</li>"
                        "</ul>"
                    ),
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "Die Seite einer einzelnen Fachperson kann der Anfang einer Fähigkeit der ganzen "
                            "Organisation sein.",
                            "Ein Social-Media-Zentrum, das auf Zuhören ausgerichtet ist, gewinnt mehr "
                            "Vertrauen als eines, das auf Verkaufen ausgerichtet ist.",
                            "Online allgemeine Informationen geben; individuelle Beratung gehört ins "
                            "persönliche Gespräch.",
                            "Das Gehörte in Leistungen und Patienteninformationen zurückspielen.",
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # 5. Case study
        # ------------------------------------------------------------------
        {
            "kind": "case_study",
            "title": "Zuhören im großen Maßstab: eine Kommandozentrale",
            "slug": "listening-at-scale-a-command-centre",
            "summary": (
                "Ein Computerhersteller baute eine Kommandozentrale für Social Listening auf, die "
                "täglich rund 22.000 Themen in 11 Sprachen verfolgt und in Echtzeit an die "
                "zuständigen Teams weiterleitet."
            ),
            "situation": (
                "<p>Um 2010 wurde über einen großen Computerhersteller täglich zehntausendfach im "
                "Netz gesprochen, in vielen Sprachen, von Kundschaft, Kritikern und Fans. "
                "Beschwerden, Produktprobleme und Ideen verteilten sich über Foren, Blogs und "
                "soziale Netzwerke.</p>"
            ),
            "what_happened": (
                "<p>2010 eröffnete das Unternehmen eine Kommandozentrale für Social Listening. "
                "Sie verfolgt täglich rund 22.000 Themen in 11 Sprachen, ordnet die Funde ein und "
                "teilt sie in Echtzeit mit den Teams, die handeln können: Kundensupport, "
                "Produktentwicklung, Kommunikation und Vertrieb.</p>"
            ),
            "what_to_learn": (
                "<p>Zuhören ist eine Fähigkeit, die man aufbaut, mit Menschen, Werkzeugen und "
                "Prozessen. Ihr Wert entsteht dadurch, dass jedes Signal an das Team "
                "weitergeleitet wird, das darauf reagieren kann. Im Gesundheitswesen ist eines "
                "dieser Teams immer die Pharmakovigilanz.</p>"
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Die Ausgangslage</h2>"
                        "<p>Dieser Fall stammt nicht aus dem Gesundheitswesen, und genau darum geht es: "
                        "Andere Branchen haben früher als wir gelernt, im großen Maßstab zuzuhören.</p>"
                        "<p>Ende der 2000er-Jahre erkannte ein großer Computerhersteller, dass seine "
                        "Kundinnen und Kunden ständig über ihn sprachen: in Foren, Blogs und sozialen "
                        "Netzwerken, in vielen Sprachen und in allen Zeitzonen. Manche Beiträge "
                        "enthielten Lob. Viele waren Beschwerden über defekte Teile, langsamen Support "
                        "oder unverständliche Produkte. Manche enthielten Ideen. Fast nichts davon "
                        "erreichte die Menschen im Unternehmen, die etwas hätten tun können.</p>"
                        "<h2>Was geschah</h2>"
                        "<p>2010 eröffnete das Unternehmen eine <b>Kommandozentrale</b> für Social Media "
                        "Listening. Ein eigenes Team, unterstützt durch Monitoring-Software, verfolgte "
                        "rund <b>22.000 Themen pro Tag in 11 Sprachen</b>. Jeder relevante Beitrag wurde "
                        "nach Thema, Stimmung und Dringlichkeit eingeordnet.</p>"
                        "<p>Entscheidend war, dass die Zentrale ihre Erkenntnisse nicht für sich behielt. "
                        "Sie teilte Gespräche <b>in Echtzeit</b> mit den Teams, die handeln konnten: Der "
                        "Kundensupport übernahm einzelne Probleme, die Produktteams sahen wiederkehrende "
                        "Fehler, die Kommunikation erkannte aufkommende Themen, bevor sie Schlagzeilen "
                        "machten. Beschäftigte im ganzen Unternehmen wurden geschult, sich in ihrem "
                        "eigenen Bereich an Gesprächen zu beteiligen.</p>"
                        "<p>Das Ergebnis: schnellere Problemlösungen, weniger eskalierende Beschwerden "
                        "und ein stetiger Strom echter Kundenerkenntnisse, die in Produktentscheidungen "
                        "einflossen.</p>"
                    ),
                },
                {
                    "type": "quote",
                    "value": {
                        "quote": (
                            "Zuhören ist keine Stimmung. Es ist eine Fähigkeit, mit Menschen, Werkzeugen und "
                            "einem Weg zu dem Team, das handeln kann."
                        ),
                        "attribution": "Die Lehre aus diesem Fall",
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Was das für das Gesundheitswesen bedeutet</h2>"
                        "<p>Kaum ein Krankenhaus oder Pharmaunternehmen braucht 22.000 Themen pro Tag. "
                        "Die Struktur lässt sich aber direkt übertragen. Zuhören im Gesundheitswesen "
                        "sollte jedes Signal an das Team weiterleiten, das dafür zuständig ist:</p>"
                        "<ul>"
                        "<li><b>Mögliche Nebenwirkungen</b> gehen innerhalb der unternehmensinternen "
                        "Fristen an die Pharmakovigilanz.</li>"
                        "<li><b>Fragen zur Anwendung eines Arzneimittels</b> gehen an die Medizinische "
                        "Information.</li>"
                        "<li><b>Beschwerden über Versorgung oder Service</b> gehen an das "
                        "Beschwerdemanagement oder die zuständige Bereichsleitung.</li>"
                        "<li><b>Falschinformationen und aufkommende Themen</b> gehen an die "
                        "Unternehmenskommunikation, mit medizinischer Unterstützung.</li>"
                        "<li><b>Akute Gefahr für eine Person</b> löst einen sofortigen Hinweis auf den "
                        "Notruf und eine Benachrichtigung des Teams aus.</li>"
                        "</ul>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "do",
                        "title": "Kennen Sie die Meldewege, bevor Sie sie brauchen",
                        "text": (
                            "<p>Finden Sie jetzt heraus, wer in Ihrer Organisation Nebenwirkungsmeldungen, "
                            "medizinische Anfragen und Beschwerden entgegennimmt und wie Sie diese Stellen "
                            "erreichen. Zuhören ohne Meldeweg heißt nur, von Problemen zu wissen, die man "
                            "nicht lösen kann.</p>"
                        ),
                    },
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "Zuhören im großen Maßstab ist eine gezielt aufgebaute Fähigkeit: ein Team, "
                            "Werkzeuge und klare Prozesse.",
                            "Die Kommandozentrale verfolgte ab 2010 täglich rund 22.000 Themen in 11 Sprachen.",
                            "Ihr Wert entstand dadurch, dass Signale in Echtzeit mit dem Team geteilt wurden, "
                            "das handeln konnte.",
                            "Im Gesundheitswesen muss Zuhören mögliche Nebenwirkungen ausnahmslos an die "
                            "Pharmakovigilanz weiterleiten.",
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # 6. Case study
        # ------------------------------------------------------------------
        {
            "kind": "case_study",
            "title": "Nützliche Inhalte finden ihr Publikum: ein YouTube-Kanal eines Pharmaunternehmens",
            "slug": "useful-content-finds-its-audience",
            "summary": (
                "Der YouTube-Kanal eines Pharmaunternehmens mit freigegebenen, werbefreien "
                "Aufklärungsvideos für Patientinnen und Patienten erreichte mehr als 300.000 "
                "Aufrufe pro Video."
            ),
            "situation": (
                "<p>Ein Pharmaunternehmen wollte Patientinnen, Patienten und Angehörige direkt "
                "erreichen, durfte aber für verschreibungspflichtige Arzneimittel nicht "
                "öffentlich werben. Viele im Unternehmen nahmen an, regelkonforme Inhalte seien "
                "zu langweilig, als dass sie sich jemand ansehen würde.</p>"
            ),
            "what_happened": (
                "<p>Das Unternehmen startete einen YouTube-Kanal mit Videos zur "
                "Krankheitsaufklärung und Patientenschulung: wie eine Erkrankung entsteht und "
                "verläuft, wie man den Alltag damit bewältigt, was man in der Arztpraxis fragen "
                "sollte. Jedes Video durchlief das reguläre Prüfverfahren. Mehrere überschritten "
                "300.000 Aufrufe.</p>"
            ),
            "what_to_learn": (
                "<p>Nützliche, freigegebene, werbefreie Inhalte erreichen Menschen. "
                "Regelkonformität und Reichweite sind keine Gegensätze; Reichweite entsteht durch "
                "Nutzen.</p>"
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Die Ausgangslage</h2>"
                        "<p>In den meisten Ländern dürfen Pharmaunternehmen bei der Öffentlichkeit nicht "
                        "für verschreibungspflichtige Arzneimittel werben; in Deutschland verbietet das "
                        "Heilmittelwerbegesetz solche Publikumswerbung. Jahrelang schlossen viele "
                        "Unternehmen daraus, dass sie Patientinnen und Patienten überhaupt nichts zu "
                        "sagen hätten. In einem Unternehmen war die verbreitete Ansicht, alles "
                        "Regelkonforme sei zu vorsichtig und zu langweilig, um ein Publikum "
                        "anzuziehen.</p>"
                        "<p>Währenddessen suchten Patientinnen, Patienten und Angehörige auf "
                        "Videoplattformen nach Hilfe: was eine Diagnose bedeutet, wie man einen Inhalator "
                        "oder einen Injektionspen benutzt, wie man mit Erschöpfung umgeht, welche Fragen "
                        "man zu einem Termin mitbringen sollte. Vieles, was sie fanden, war "
                        "unzuverlässig.</p>"
                        "<h2>Was geschah</h2>"
                        "<p>Das Unternehmen richtete einen YouTube-Kanal ein, der sich auf "
                        "<b>Krankheitsaufklärung und Patientenschulung</b> konzentrierte. Die Videos "
                        "erklärten Erkrankungen in verständlicher Sprache, zeigten praktische Selbsthilfe "
                        "und ließen Fachkräfte aus dem Gesundheitswesen sowie Patientinnen und Patienten "
                        "über das Leben mit einer Erkrankung zu Wort kommen. Für Produkte warben sie "
                        "nicht.</p>"
                        "<p>Jedes Video durchlief die reguläre medizinische, rechtliche und "
                        "regulatorische Prüfung des Unternehmens, und für den Kanal galt eine klare "
                        "Kommentarrichtlinie. Sie regelte auch, wie mögliche Nebenwirkungen, die in "
                        "Kommentaren erwähnt werden, erfasst und gemeldet werden. Mehrere Videos "
                        "überschritten <b>300.000 Aufrufe</b>, ein weit größeres Publikum, als ein "
                        "Faltblatt oder ein Plakat im Wartezimmer je erreichen könnte.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "do",
                        "title": "Zuerst nützlich sein",
                        "text": (
                            "<p>Gehen Sie von den Fragen aus, die Patientinnen und Patienten tatsächlich "
                            "stellen; Social Listening verrät sie Ihnen. Beantworten Sie sie klar, mit "
                            "freigegebenen Informationen, und verweisen Sie bei allem, was den Einzelfall "
                            "betrifft, an die behandelnde Ärztin oder den behandelnden Arzt.</p>"
                        ),
                    },
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "dont",
                        "title": "Verstecken Sie keine Werbung in der Aufklärung",
                        "text": (
                            "<p>Ein „Aufklärungsvideo“, das Zuschauende zu einer bestimmten Marke lenkt oder "
                            "eine nicht zugelassene Anwendung andeutet, ist Werbung. Aufsichtsbehörden werden "
                            "es als solche behandeln, und das Publikum ebenso.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Was Sie daraus lernen können</h2>"
                        "<p>Der Kanal widerlegte die Annahme, regelkonform heiße unsichtbar. Die Menschen "
                        "sahen sich die Videos nicht an, weil sie raffiniert oder aufwendig produziert "
                        "waren. Sie sahen sie sich an, weil die Videos ihnen halfen. <b>Nutzen schafft "
                        "Reichweite.</b></p>"
                        "<p>Für Beschäftigte in Krankenhäusern und Kliniken gilt dasselbe in kleinerem "
                        "Maßstab. Ein zweiminütiges Video einer Pflegekraft zur Vorbereitung auf einen "
                        "Eingriff oder die Erklärung einer Apothekerin zur richtigen Einnahme von "
                        "Antibiotika kann mehr bewirken als ein Dutzend Ankündigungen, vorausgesetzt, der "
                        "Inhalt ist freigegeben, allgemein gehalten und ehrlich darüber, was er ist.</p>"
                        "<p>Bevor Sie filmen oder schreiben, prüfen Sie drei Dinge: dass das Thema auf "
                        "eine echte Frage von Patientinnen und Patienten zurückgeht, dass der Inhalt "
                        "Ihren regulären Freigabeprozess durchlaufen hat und dass jemand bereitsteht, die "
                        "Kommentare zu lesen und zu beantworten.</p>"
                    ),
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "Freigegebene, werbefreie Patientenaufklärung kann ein sehr großes Publikum erreichen.",
                            "Reichweite entsteht durch Nutzen, nicht durch Werbung.",
                            "Jeden Inhalt regulär prüfen lassen und vorab planen, wie mit Kommentaren und "
                            "Nebenwirkungsmeldungen umgegangen wird.",
                            "Krankheitsaufklärung darf nicht zu versteckter Werbung oder zu Off-Label-Werbung werden.",
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # 7. Case study
        # ------------------------------------------------------------------
        {
            "kind": "case_study",
            "title": "Wenn Kliniken den Schlagzeilen hinterherjagen",
            "slug": "when-clinics-chase-the-news",
            "summary": (
                "Manche Kliniken nutzten Pandemieängste und Erkrankungen Prominenter, um für ihre "
                "Leistungen zu werben. Dieser Fall zeigt, warum das nach hinten losgeht: Es "
                "schlägt Kapital aus Angst, kostet Vertrauen und zieht Beschwerden bei "
                "Aufsichtsbehörden nach sich."
            ),
            "situation": (
                "<p>Während einer Pandemie und erneut, als eine bekannte Persönlichkeit eine "
                "schwere Erkrankung öffentlich machte, stieg die Aufmerksamkeit für "
                "Gesundheitsthemen sprunghaft an. Suchanfragen und Gespräche über Symptome, Tests "
                "und Vorsorgeuntersuchungen schnellten über Nacht in die Höhe.</p>"
            ),
            "what_happened": (
                "<p>Einige Kliniken hängten ihr Marketing eilig an die Nachrichtenlage: Beiträge, "
                "die dazu drängten, Tests zu buchen, „bevor es zu spät ist“, Vorsorgepakete, die "
                "nach der Diagnose eines Prominenten benannt waren, Rabatte passend zu "
                "beängstigenden Schlagzeilen. Die Beiträge lösten Empörung und Vorwürfe der "
                "Ausbeutung aus, führten zu Beschwerden bei Aufsichtsbehörden und Kammern und "
                "schadeten dem Ruf der Kliniken nachhaltig.</p>"
            ),
            "what_to_learn": (
                "<p>Schlagen Sie niemals Kapital aus Angst oder aus der Erkrankung oder dem Tod "
                "eines Menschen, um eine Leistung zu verkaufen. Wenn Gesundheit Schlagzeilen "
                "macht, bieten Sie ruhige, korrekte, mit Quellen belegte Informationen und klare "
                "Hinweise, wann und wo man sich Hilfe holen sollte.</p>"
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Dieser Fall fasst Muster zusammen, die in mehreren Ländern immer wieder zu "
                        "beobachten waren. Er ist Teil des Kurses, weil die beschriebene Versuchung "
                        "häufig ist und man ihr unter Druck leicht nachgibt.</p>"
                        "<h2>Die Ausgangslage</h2>"
                        "<p>Wenn Gesundheitsthemen die Nachrichten beherrschen, schnellt die "
                        "Aufmerksamkeit in die Höhe. Während einer Pandemie suchen Menschen nach "
                        "Symptomen, Tests und Möglichkeiten, ihre Familien zu schützen. Wenn eine "
                        "bekannte Persönlichkeit eine Krebsdiagnose öffentlich macht oder plötzlich "
                        "stirbt, fragen sich Tausende, ob auch sie gefährdet sind. Für das Marketingteam "
                        "einer Klinik können solche Momente wie Chancen aussehen.</p>"
                        "<h2>Was geschah</h2>"
                        "<p>Einige Kliniken versuchten, schnell auf der Welle mitzuschwimmen. Es "
                        "erschienen Beiträge mit Aufrufen wie „Buchen Sie jetzt Ihren Test, bevor es zu "
                        "spät ist“. Vorsorgepakete wurden nach der Erkrankung eines Prominenten "
                        "umbenannt. Rabatte wurden zeitlich auf die beängstigendsten Schlagzeilen "
                        "abgestimmt. Manche Beiträge zeigten das Foto einer Person des öffentlichen "
                        "Lebens oder die Nachricht von ihrem Tod direkt neben einem Buchungslink.</p>"
                        "<p>Die Reaktion kam prompt. Kommentierende warfen den Kliniken vor, aus Angst "
                        "und Trauer Profit zu schlagen. Screenshots der Beiträge wurden weit häufiger "
                        "geteilt als die Originale. Angehörige und Fans der Betroffenen waren verletzt. "
                        "Kammern, Berufsverbände und Aufsichtsbehörden erhielten Beschwerden über "
                        "irreführende und unethische Werbung, und gegen einige Kliniken wurden Verfahren "
                        "eingeleitet. Noch lange nachdem die Beiträge gelöscht waren, stieß man bei der "
                        "Suche nach den Namen der Kliniken auf die Kritik.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "dont",
                        "title": "Hängen Sie keine Verkaufsbotschaft an eine Schlagzeile",
                        "text": (
                            "<p>Krankheitsausbrüche, Katastrophen sowie die Erkrankung oder der Tod eines "
                            "Menschen sind niemals Aufhänger für Werbung. Das gilt für offizielle Accounts "
                            "ebenso wie für Beschäftigte, die über ihren eigenen Arbeitsplatz posten.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Warum das nach hinten losgeht</h2>"
                        "<ul>"
                        "<li><b>Es schlägt Kapital aus Angst und Krankheit.</b> Es setzt Menschen genau "
                        "in dem Moment unter Druck, in dem sie am wenigsten in der Lage sind, in Ruhe zu "
                        "entscheiden, und genau das verbietet unser Verhaltenskodex.</li>"
                        "<li><b>Es zerstört Vertrauen.</b> Patientinnen und Patienten erwarten, dass das "
                        "Gesundheitswesen ihr Wohl an die erste Stelle setzt. Ein Beitrag, der scheinbar "
                        "aus Leid Profit schlägt, vermittelt das Gegenteil, und dieser Eindruck "
                        "bleibt.</li>"
                        "<li><b>Es zieht Beschwerden bei Aufsichtsbehörden nach sich.</b> Angstmachende "
                        "oder irreführende Gesundheitswerbung verstößt in vielen Ländern gegen Werbe- und "
                        "Berufsrecht, in Deutschland etwa gegen das Heilmittelwerbegesetz und die "
                        "ärztliche Berufsordnung.</li>"
                        "<li><b>Es kann Schaden anrichten.</b> Wer zu unnötigen Tests drängt, "
                        "verschwendet Ressourcen und kann Menschen verdrängen, die wirklich Versorgung "
                        "brauchen.</li>"
                        "</ul>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "do",
                        "title": "Was Sie stattdessen tun sollten",
                        "text": (
                            "<p>Wenn Gesundheit Schlagzeilen macht, teilen Sie ruhige, korrekte Informationen "
                            "mit Quellen: wer tatsächlich gefährdet ist, welche Symptome Aufmerksamkeit "
                            "erfordern, wann man ärztlichen Rat einholen sollte und wohin man sich im Notfall "
                            "wendet. Hilfreiche Inhalte schaffen Vertrauen, das über die Schlagzeile hinaus "
                            "Bestand hat.</p>"
                        ),
                    },
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "Nutzen Sie niemals einen Krankheitsausbruch oder die Erkrankung oder den Tod "
                            "eines Menschen, um eine Leistung zu verkaufen.",
                            "Angstbasiertes Marketing kostet Vertrauen und zieht Beschwerden bei "
                            "Aufsichtsbehörden nach sich.",
                            "Wenn Gesundheit Schlagzeilen macht, informieren Sie ruhig, mit Fakten und Quellen.",
                            "Wer einen Beitrag löscht, löscht damit nicht die Screenshots.",
                        ],
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # 8. Case study
        # ------------------------------------------------------------------
        {
            "kind": "case_study",
            "title": "Das Unternehmen, das seine Kritiker ignorierte",
            "slug": "the-company-that-ignored-its-critics",
            "summary": (
                "Ein Unternehmen reagierte auf wachsende Kritik im Netz mit Schweigen, und das "
                "Schweigen machte alles schlimmer. Dieser Fall zeigt, wie Antworten oder "
                "Eskalieren ausgesehen hätte."
            ),
            "situation": (
                "<p>Die Social-Media-Accounts eines Gesundheitsunternehmens dienten "
                "ausschließlich dazu, Neuigkeiten zu verbreiten. Als Patientinnen und Patienten "
                "sich über einen Lieferengpass bei einem Produkt und einen wenig hilfreichen "
                "Kundenservice beschwerten, war niemand dafür zuständig, zu antworten.</p>"
            ),
            "what_happened": (
                "<p>Die Beschwerden blieben wochenlang unbeantwortet, einige wurden gelöscht. Die "
                "Betroffenen schlossen daraus, dass sie dem Unternehmen gleichgültig waren, "
                "organisierten sich und trugen ihre Geschichte zu Patientenorganisationen und "
                "Journalisten. Aus einer Handvoll Kommentaren wurden eine öffentliche Kampagne "
                "und ein Thema in der Presse.</p>"
            ),
            "what_to_learn": (
                "<p>Ignorieren Sie niemals Kritik: Beantworten oder eskalieren Sie sie. "
                "Einseitige Kommunikation wird abgestraft. Eine rasche, menschliche Rückmeldung "
                "und ein Weg zu einer echten Lösung hätten ein lösbares Problem klein "
                "gehalten.</p>"
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Dieser Fall setzt sich aus Situationen zusammen, die sich im Gesundheitswesen "
                        "und in anderen Branchen schon oft so abgespielt haben.</p>"
                        "<h2>Die Ausgangslage</h2>"
                        "<p>Ein Gesundheitsunternehmen betrieb Accounts in mehreren sozialen Netzwerken. "
                        "Sie dienten nur dem Senden: Pressemitteilungen, Auszeichnungen, "
                        "Veranstaltungsfotos. Niemand war dafür zuständig, Kommentare zu lesen oder zu "
                        "beantworten, und es gab keinen vereinbarten Weg, Beschwerden an die Teams "
                        "weiterzuleiten, die sie hätten lösen können.</p>"
                        "<p>Dann wurde ein Produkt, das Patientinnen und Patienten mit einer chronischen "
                        "Erkrankung täglich verwenden, schwer erhältlich. Betroffene und Angehörige "
                        "begannen, unter den Beiträgen des Unternehmens zu fragen: Wo bekommen wir es? "
                        "Was sollen wir in der Zwischenzeit tun? Warum hängen wir an der "
                        "Kundenservice-Hotline eine Stunde in der Warteschleife?</p>"
                        "<h2>Was geschah</h2>"
                        "<p>Niemand antwortete. Das Unternehmen postete weiter gut gelaunte Neuigkeiten, "
                        "und darunter erschienen weiter die Beschwerden. Nach einigen Wochen löschte "
                        "jemand eine Reihe der wütendsten Kommentare. Die Betroffenen bemerkten es und "
                        "veröffentlichten Screenshots der Löschungen.</p>"
                        "<p>Das Schweigen wurde als Gleichgültigkeit verstanden, die Löschungen als "
                        "Vertuschung. Die Betroffenen gründeten eine eigene Gruppe, um ihr Wissen zu "
                        "teilen, wandten sich an Patientenorganisationen und trugen die Geschichte zu "
                        "Journalisten. Aus einem weitgehend logistischen Problem wurde eine "
                        "Vertrauensfrage, über die die Presse berichtete. In einigen Beiträgen waren "
                        "zudem Symptome nach dem Wechsel auf ein Alternativprodukt beschrieben worden, "
                        "und keiner davon war an die Pharmakovigilanz weitergeleitet worden.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "dont",
                        "title": "Löschen Sie keine berechtigte Kritik",
                        "text": (
                            "<p>Ehrliche Beschwerden zu entfernen, macht die Lage fast immer schlimmer. "
                            "Entfernen Sie nur Inhalte, die gegen die Regeln der Plattform oder Ihre "
                            "veröffentlichte Netiquette verstoßen, etwa Beleidigungen oder personenbezogene "
                            "Daten Dritter, und weisen Sie darauf hin, dass Sie das getan haben.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Wie Antworten oder Eskalieren ausgesehen hätte</h2>"
                        "<ol>"
                        "<li><b>Schnell und öffentlich reagieren.</b> „Es tut uns leid: Wir wissen, dass "
                        "einige von Ihnen dieses Produkt derzeit nicht bekommen. Wir arbeiten daran und "
                        "melden uns bis Freitag hier mit einem Update.“</li>"
                        "<li><b>An die Zuständigen eskalieren.</b> Lieferkette, Kundenservice und "
                        "Medizinische Information erhalten noch am selben Tag die Kommentare, die sie "
                        "betreffen.</li>"
                        "<li><b>Sicherheitsinformationen melden.</b> Jede Erwähnung von Symptomen oder "
                        "Nebenwirkungen geht innerhalb der unternehmensinternen Fristen an die "
                        "Pharmakovigilanz.</li>"
                        "<li><b>Einzelfälle aus der Öffentlichkeit holen.</b> Bieten Sie für persönliche "
                        "Angaben eine Direktnachricht oder eine Telefonnummer an, und besprechen Sie die "
                        "Gesundheit der Betroffenen niemals öffentlich.</li>"
                        "<li><b>Dranbleiben.</b> Halten Sie Wort: Veröffentlichen Sie Updates, bis das "
                        "Problem gelöst ist.</li>"
                        "</ol>"
                    ),
                },
                {
                    "type": "quote",
                    "value": {
                        "quote": "Menschen verzeihen ein Problem weit eher als das Gefühl, ignoriert zu werden.",
                        "attribution": "Die Lehre aus diesem Fall",
                    },
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "Einseitige Kommunikation wird abgestraft: Schweigen wirkt wie Gleichgültigkeit, "
                            "und die Kritik wächst.",
                            "Jeder kritische Kommentar wird beantwortet oder an das Team eskaliert, das handeln kann.",
                            "Wer berechtigte Kritik löscht, macht aus einem Problem eine Vertuschungsgeschichte.",
                            "Beschwerden können Hinweise auf Nebenwirkungen enthalten; melden Sie diese an "
                            "die Pharmakovigilanz.",
                        ],
                    },
                },
            ],
        },
    ],
    "quiz": {
        "title": "Souverän in sozialen Medien: Abschlusstest",
        "slug": "social-confidence-final-quiz",
        "pass_mark": 80,
        "shuffle_answers": True,
        "description": (
            "<p>Dieser Test prüft, ob Sie die Leitlinien, den Verhaltenskodex und die Lehren "
            "aus den Fallstudien auf realistische Situationen anwenden können. Bei einigen "
            "Fragen ist mehr als eine Antwort richtig; darauf wird jeweils hingewiesen. Zum "
            "Bestehen benötigen Sie 80 %. Nach der Auswertung wird zu jeder Frage eine "
            "Erläuterung angezeigt.</p>"
        ),
        "success_text": (
            "<p><b>Herzlichen Glückwunsch, Sie haben bestanden.</b> Sie wissen jetzt, was Sie "
            "online sagen dürfen, was Sie niemals sagen dürfen und wohin Sie weitergeben, was "
            "ein Handeln erfordert. Ihr Zertifikat ist 12 Monate gültig.</p>"
        ),
        "fail_text": (
            "<p>Diesmal haben Sie die erforderliche Punktzahl nicht erreicht. Lesen Sie die "
            "Erläuterungen zu den Fragen, die Sie nicht richtig beantwortet haben, gehen Sie "
            "die dort genannten Lektionen noch einmal durch, insbesondere den "
            "Verhaltenskodex, und versuchen Sie es dann erneut.</p>"
        ),
        "questions": [
            {
                "kind": "single",
                "lesson": "why-healthcare-belongs-on-social-media",
                "text": (
                    "Die Leitung Ihres Krankenhauses überlegt, in den sozialen Medien aktiver zu "
                    "werden. Ein Kollege sagt: „Die Regulierung macht es uns unmöglich, irgendetwas "
                    "Sinnvolles zu sagen.“ Was ist laut diesem Kurs in der Regel das größte "
                    "Hindernis?"
                ),
                "explanation": (
                    "Regulierung spielt eine Rolle, doch das größte Hindernis ist meist die interne "
                    "Zurückhaltung: Die Beschäftigten wissen nicht, was sie sagen dürfen, und sagen "
                    "deshalb nichts. Klare Regeln sind der Weg, das zu überwinden."
                ),
                "choices": [
                    {
                        "text": "Gesetze, die Krankenhäusern die Nutzung sozialer Medien verbieten.",
                        "correct": False,
                    },
                    {
                        "text": (
                            "Patientinnen und Patienten suchen in sozialen Medien nicht nach Gesundheitsinformationen."
                        ),
                        "correct": False,
                    },
                    {
                        "text": (
                            "Social-Media-Plattformen erlauben Organisationen aus dem Gesundheitswesen keine "
                            "eigenen Accounts."
                        ),
                        "correct": False,
                    },
                    {
                        "text": "Interne Zurückhaltung: Die Beschäftigten sind unsicher, was sie sagen dürfen.",
                        "correct": True,
                    },
                ],
            },
            {
                "kind": "true_false",
                "lesson": "why-healthcare-belongs-on-social-media",
                "text": (
                    "Wenn ein Krankenhaus zu einem Gesundheitsthema, über das Patientinnen und "
                    "Patienten diskutieren, nichts veröffentlicht, bleibt das Gespräch einfach "
                    "neutral; Schweigen birgt also kein Risiko."
                ),
                "explanation": (
                    "Falsch. Schweigen ist nicht neutral. Wenn qualifizierte Stimmen schweigen, "
                    "füllen Falschinformationen, Gerüchte und getarnte Werbung die Lücke."
                ),
                "choices": [
                    {"text": "Richtig", "correct": False},
                    {"text": "Falsch", "correct": True},
                ],
            },
            {
                "kind": "true_false",
                "lesson": "guidelines-for-speaking-with-confidence",
                "text": (
                    "Eine Aussage über ein Arzneimittel, die in einem gedruckten Faltblatt nicht "
                    "regelkonform wäre, kann zulässig werden, wenn sie in einem kurzen Video auf "
                    "einer neuen Social-Media-Plattform erscheint."
                ),
                "explanation": (
                    "Falsch. Auf den Inhalt kommt es an, nicht auf den Kanal: Was offline "
                    "regelkonform ist, ist auch online regelkonform, und was offline nicht "
                    "regelkonform ist, wird auf einer neuen Plattform nicht zulässig."
                ),
                "choices": [
                    {"text": "Richtig", "correct": False},
                    {"text": "Falsch", "correct": True},
                ],
            },
            {
                "kind": "multiple",
                "lesson": "guidelines-for-speaking-with-confidence",
                "text": (
                    "Die Freigabe von Social-Media-Beiträgen dauert in Ihrem Pharmaunternehmen "
                    "Wochen, sodass Antworten immer zu spät kommen. Welche Maßnahmen aus dem Kurs "
                    "würden helfen? Wählen Sie alle zutreffenden Antworten aus."
                ),
                "explanation": (
                    "Ein eigenes Team, das mit vorab freigegebenen Inhaltstypen arbeitet, braucht "
                    "weit weniger Einzelfreigaben, und wer Rechtsabteilung, Regulatory Affairs, "
                    "Medizin und CSR frühzeitig einbezieht, gewinnt Partner, die dem Rahmen "
                    "vertrauen. Die Prüfung zu überspringen oder sie durch Posten über private "
                    "Accounts zu umgehen, bricht die Regeln, statt den Prozess zu verbessern."
                ),
                "choices": [
                    {
                        "text": (
                            "Die Prüfung von Beiträgen ganz abschaffen, weil Geschwindigkeit wichtiger ist "
                            "als Regelkonformität."
                        ),
                        "correct": False,
                    },
                    {
                        "text": (
                            "Ein eigenes, geschultes Team aufbauen, das mit vorab freigegebenen Inhaltstypen arbeitet."
                        ),
                        "correct": True,
                    },
                    {
                        "text": (
                            "Kolleginnen und Kollegen aus Rechtsabteilung, Regulatory Affairs, Medizin und "
                            "CSR frühzeitig in die Gestaltung der Regeln einbeziehen."
                        ),
                        "correct": True,
                    },
                    {
                        "text": "Beschäftigte über private Accounts posten lassen, damit keine Prüfung nötig ist.",
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "single",
                "lesson": "guidelines-for-speaking-with-confidence",
                "text": (
                    "Ihre Klinik war bisher nicht online aktiv und möchte jetzt beginnen. Welcher "
                    "erste Schritt entspricht am besten den Leitlinien dieses Kurses?"
                ),
                "explanation": (
                    "Klein anfangen und erst zuhören, dann sprechen. Herauszufinden, wo sich Ihre "
                    "Patientinnen und Patienten austauschen und was sie fragen, und dann mit einer "
                    "Sache zu beginnen, die Sie gut machen können, ist besser, als überall Accounts "
                    "zu eröffnen oder mit Werbung zu starten."
                ),
                "choices": [
                    {
                        "text": (
                            "Am selben Tag Accounts auf allen großen Plattformen eröffnen, um die Reichweite "
                            "zu maximieren."
                        ),
                        "correct": False,
                    },
                    {
                        "text": (
                            "Eine bezahlte Werbekampagne starten, um Follower zu gewinnen, bevor feststeht, "
                            "was Sie sagen wollen."
                        ),
                        "correct": False,
                    },
                    {
                        "text": (
                            "Warten, bis eine vollständige Fünfjahresstrategie genehmigt ist, und bis dahin nichts tun."
                        ),
                        "correct": False,
                    },
                    {
                        "text": (
                            "Herausfinden, wo sich Ihre Patientinnen und Patienten austauschen und was sie "
                            "fragen, und dann mit einem kleinen, gut betreuten Kanal wie einem Blog beginnen."
                        ),
                        "correct": True,
                    },
                ],
            },
            {
                "kind": "single",
                "lesson": "our-code-of-conduct-online",
                "text": (
                    "Eine Patientin schreibt unter einem Beitrag des Krankenhauses, dass sie starke "
                    "Kopfschmerzen hat, seit sie ein Arzneimittel Ihres Unternehmens einnimmt. Sie "
                    "ist nicht sicher, ob das zusammenhängt. Was tun Sie?"
                ),
                "explanation": (
                    "Jede mögliche Nebenwirkung, die Sie online sehen, muss innerhalb der "
                    "unternehmensinternen Fristen an die Pharmakovigilanz gemeldet werden, auch wenn "
                    "Sie unsicher sind, ob ein Zusammenhang besteht, und die Angaben unvollständig "
                    "sind. Die Bewertung ist Aufgabe der Arzneimittelsicherheit."
                ),
                "choices": [
                    {
                        "text": (
                            "Den Kommentar löschen, damit andere Patientinnen und Patienten nicht beunruhigt werden."
                        ),
                        "correct": False,
                    },
                    {
                        "text": (
                            "Ihn innerhalb der unternehmensinternen Fristen an die Pharmakovigilanz melden, "
                            "auch wenn möglicherweise kein Zusammenhang besteht."
                        ),
                        "correct": True,
                    },
                    {
                        "text": (
                            "Ihn ignorieren, weil sie nicht sicher ist, dass die Kopfschmerzen von dem "
                            "Arzneimittel kommen."
                        ),
                        "correct": False,
                    },
                    {
                        "text": (
                            "Öffentlich nach Alter, Dosis und weiteren Medikamenten fragen, um selbst zu "
                            "beurteilen, ob ein Zusammenhang besteht."
                        ),
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "single",
                "lesson": "our-code-of-conduct-online",
                "text": (
                    "Spätabends erhält die Seite der Klinik eine Nachricht: „Mein Vater hat starke, "
                    "drückende Schmerzen in der Brust und schwitzt. Soll er eine Aspirin nehmen und "
                    "bis morgen früh warten?“ Was ist die richtige Reaktion?"
                ),
                "explanation": (
                    "Das ist ein möglicher Notfall. Über Online-Kanäle dürfen niemals Notfälle "
                    "behandelt oder individuelle medizinische Ratschläge gegeben werden: Fordern Sie "
                    "die Person auf, sofort den Notruf zu wählen, und informieren Sie anschließend "
                    "Ihr Team."
                ),
                "choices": [
                    {
                        "text": (
                            "Zur Aspirin-Dosis beraten und empfehlen, dass er sich bis zur Öffnung der Klinik ausruht."
                        ),
                        "correct": False,
                    },
                    {
                        "text": "Per Nachricht eine Reihe von Fragen stellen, um einzuschätzen, wie ernst es ist.",
                        "correct": False,
                    },
                    {
                        "text": "Mit einem Link zu den Öffnungszeiten der Klinik antworten.",
                        "correct": False,
                    },
                    {
                        "text": (
                            "Die Person auffordern, sofort den Notruf 112 zu wählen, und dann Ihr Team informieren."
                        ),
                        "correct": True,
                    },
                ],
            },
            {
                "kind": "multiple",
                "lesson": "our-code-of-conduct-online",
                "text": (
                    "Welche dieser Beiträge würden gegen unseren Verhaltenskodex verstoßen? Wählen "
                    "Sie alle zutreffenden Antworten aus."
                ),
                "explanation": (
                    "Eine „bewegende Geschichte“ mit Alter, Wohnort und seltener Erkrankung kann eine "
                    "Patientin oder einen Patienten auch ohne Namen identifizierbar machen; wer das "
                    "Produkt des eigenen Arbeitgebers lobt, ohne zu sagen, dass er dort arbeitet, "
                    "verschweigt einen Interessenkonflikt; und wer eine Anwendung außerhalb der "
                    "zugelassenen Indikation nahelegt, betreibt Off-Label-Werbung. Eine falsche "
                    "Behauptung mit einer verlässlichen Quelle zu korrigieren, ist dagegen genau das, "
                    "was der Kodex verlangt."
                ),
                "choices": [
                    {
                        "text": (
                            "Eine Apothekerin korrigiert eine falsche Behauptung über einen Impfstoff und "
                            "verlinkt auf die Empfehlungen einer Gesundheitsbehörde."
                        ),
                        "correct": False,
                    },
                    {
                        "text": (
                            "Eine Pflegekraft teilt eine Geschichte ohne Namen, aber mit Details über „eine "
                            "34-Jährige aus unserer Stadt mit einer seltenen Erkrankung“, die gestern "
                            "aufgenommen wurde."
                        ),
                        "correct": True,
                    },
                    {
                        "text": (
                            "Ein Außendienstmitarbeiter lobt das Produkt seines Unternehmens in einem "
                            "Patientenforum, ohne zu erwähnen, für wen er arbeitet."
                        ),
                        "correct": True,
                    },
                    {
                        "text": (
                            "Eine medizinische Beraterin postet, ein Arzneimittel „scheine auch gut zu "
                            "wirken“ bei einer Erkrankung, für die es nicht zugelassen ist."
                        ),
                        "correct": True,
                    },
                ],
            },
            {
                "kind": "true_false",
                "lesson": "our-code-of-conduct-online",
                "text": (
                    "Auch wenn ein kritischer Kommentar unter einem Beitrag des Krankenhauses "
                    "ungerecht erscheint, sollte er beantwortet oder an das zuständige Team eskaliert "
                    "werden, statt darauf zu warten, dass er von selbst untergeht."
                ),
                "explanation": (
                    "Richtig. Kritik wird nie ignoriert: Sie wird beantwortet oder an das zuständige "
                    "Team eskaliert. Einseitige Kommunikation wird abgestraft, und Schweigen lässt "
                    "Kritik meist wachsen."
                ),
                "choices": [
                    {"text": "Richtig", "correct": True},
                    {"text": "Falsch", "correct": False},
                ],
            },
            {
                "kind": "single",
                "lesson": "a-surgeons-page-that-became-a-listening-centre",
                "text": (
                    "Was führte dazu, dass die Facebook-Seite des Leiters der Schönheitskliniken "
                    "erfolgreich war, während viele Klinikseiten scheitern?"
                ),
                "explanation": (
                    "Die Seite begann klein und persönlich und wuchs dann zu einem von Mitarbeitenden "
                    "betreuten Social-Media-Zentrum, das auf Zuhören statt auf Verkaufen ausgerichtet "
                    "war. Was es hörte, floss in die Leistungen und Informationen der Klinik zurück."
                ),
                "choices": [
                    {
                        "text": "Sie wurde an eine Werbeagentur übergeben, sobald sie beliebt wurde.",
                        "correct": False,
                    },
                    {
                        "text": (
                            "Sie begann mit einer einzelnen Fachperson, die Fragen beantwortete, und wuchs zu "
                            "einem von Mitarbeitenden betreuten Zentrum, das auf Zuhören statt auf Verkaufen "
                            "ausgerichtet war."
                        ),
                        "correct": True,
                    },
                    {
                        "text": "Sie bot allen Rabatte an, die ihre Vorher-nachher-Fotos teilten.",
                        "correct": False,
                    },
                    {
                        "text": "Sie stellte allen, die fragten, detaillierte individuelle Diagnosen.",
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "multiple",
                "lesson": "listening-at-scale-a-command-centre",
                "text": (
                    "Ihr Klinikverbund möchte nach dem Vorbild der Kommandozentrale des "
                    "Computerherstellers eine Listening-Funktion aufbauen. Welche Merkmale sind am "
                    "wichtigsten? Wählen Sie alle zutreffenden Antworten aus."
                ),
                "explanation": (
                    "Zuhören ist eine Fähigkeit, die man aufbaut: eigene Mitarbeitende, Werkzeuge und "
                    "Prozesse, wobei jedes Signal an das Team weitergeleitet wird, das handeln kann. "
                    "Im Gesundheitswesen müssen mögliche Nebenwirkungen immer die Pharmakovigilanz "
                    "erreichen. Daten zu sammeln, auf die niemand reagiert, oder nur auf Lob zu "
                    "hören, verfehlt den Zweck."
                ),
                "choices": [
                    {
                        "text": "Jedes Signal in Echtzeit an das Team weiterleiten, das darauf reagieren kann.",
                        "correct": True,
                    },
                    {
                        "text": "Ein fester Meldeweg, der jede mögliche Nebenwirkung an die Pharmakovigilanz leitet.",
                        "correct": True,
                    },
                    {
                        "text": "Ein monatlicher Bericht für die Geschäftsführung, ohne Weiterleitung an andere Teams.",
                        "correct": False,
                    },
                    {
                        "text": "Nur positive Erwähnungen verfolgen, um sie im Marketing zu nutzen.",
                        "correct": False,
                    },
                    {
                        "text": "Ein eigenes Team mit Monitoring-Werkzeugen und klaren Prozessen.",
                        "correct": True,
                    },
                ],
            },
            {
                "kind": "single",
                "lesson": "useful-content-finds-its-audience",
                "text": (
                    "Eine Kollegin sagt: „Regelkonforme Pharma-Inhalte sind zu langweilig; die sieht "
                    "sich niemand an.“ Was zeigt der Fall des YouTube-Kanals?"
                ),
                "explanation": (
                    "Die freigegebenen, werbefreien Videos des Kanals zur Krankheitsaufklärung und "
                    "Patientenschulung überschritten 300.000 Aufrufe. Reichweite entsteht durch "
                    "Nutzen, nicht durch Werbung."
                ),
                "choices": [
                    {
                        "text": "Pharmaunternehmen sollten Videoplattformen ganz meiden.",
                        "correct": False,
                    },
                    {
                        "text": (
                            "Nützliche, freigegebene, werbefreie Patientenaufklärung kann Hunderttausende "
                            "Menschen erreichen."
                        ),
                        "correct": True,
                    },
                    {
                        "text": (
                            "Videos erreichen nur dann ein großes Publikum, wenn sie für eine bestimmte Marke werben."
                        ),
                        "correct": False,
                    },
                    {
                        "text": (
                            "Man muss die medizinische und regulatorische Prüfung überspringen, damit Videos "
                            "ansprechend werden."
                        ),
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "multiple",
                "lesson": "when-clinics-chase-the-news",
                "text": (
                    "Eine berühmte Sängerin macht ihre Krebsdiagnose öffentlich. Das Marketingteam "
                    "Ihrer Klinik schlägt folgenden Beitrag vor: „Enden Sie nicht wie sie. Buchen Sie "
                    "noch heute unser Vorsorgepaket, 20 % Rabatt.“ Warum sollte dieser Beitrag nicht "
                    "veröffentlicht werden? Wählen Sie alle zutreffenden Antworten aus."
                ),
                "explanation": (
                    "Der Beitrag schlägt Kapital aus Angst und aus der Erkrankung eines Menschen, um "
                    "eine Leistung zu verkaufen; das verbietet der Kodex. Solche Beiträge kosten "
                    "Vertrauen und können Beschwerden bei Aufsichtsbehörden und Kammern nach sich "
                    "ziehen. Ein späteres Löschen würde die Screenshots nicht ungeschehen machen. Die "
                    "Länge ist nicht das Problem."
                ),
                "choices": [
                    {
                        "text": "Er dürfte das Vertrauen der Patientinnen und Patienten in die Klinik beschädigen.",
                        "correct": True,
                    },
                    {
                        "text": "Er kann zu Beschwerden bei Aufsichtsbehörden oder Kammern führen.",
                        "correct": True,
                    },
                    {
                        "text": "Er ist zu kurz, um in den sozialen Medien gut zu funktionieren.",
                        "correct": False,
                    },
                    {
                        "text": (
                            "Er schlägt Kapital aus Angst und aus der Erkrankung eines Menschen, um eine "
                            "Leistung zu verkaufen."
                        ),
                        "correct": True,
                    },
                ],
            },
            {
                "kind": "single",
                "lesson": "the-company-that-ignored-its-critics",
                "text": (
                    "Dutzende Patientinnen und Patienten beschweren sich unter den Beiträgen Ihres "
                    "Unternehmens, dass ein Produkt nicht lieferbar und der Kundenservice nicht "
                    "erreichbar ist. Einige erwähnen neue Symptome nach dem Wechsel auf ein anderes "
                    "Produkt. Was ist die beste Reaktion?"
                ),
                "explanation": (
                    "Beantworten oder eskalieren: öffentlich reagieren und ein Update zusagen, die "
                    "Kommentare an Lieferkette und Kundenservice weiterleiten, die erwähnten Symptome "
                    "an die Pharmakovigilanz melden und persönliche Angaben in einen privaten Kanal "
                    "verlagern. Schweigen oder das Löschen berechtigter Kritik macht aus einem "
                    "lösbaren Problem eine Vertrauenskrise."
                ),
                "choices": [
                    {
                        "text": "Allen Betroffenen öffentlich raten, welches Alternativprodukt sie nehmen sollen.",
                        "correct": False,
                    },
                    {
                        "text": (
                            "Öffentlich reagieren, an die beteiligten Teams eskalieren, die Symptome an die "
                            "Pharmakovigilanz melden und mit Updates nachfassen."
                        ),
                        "correct": True,
                    },
                    {
                        "text": "Weiter die geplanten Neuigkeiten posten und warten, bis die Beschwerden aufhören.",
                        "correct": False,
                    },
                    {
                        "text": "Die wütendsten Kommentare löschen, damit die Seite ruhig wirkt.",
                        "correct": False,
                    },
                ],
            },
        ],
    },
}
