"""Starter course content for Social Confidence.

Plain Python data, no framework imports. Rich-text values are HTML limited to
<p>, <b>, <i>, <ul>, <ol>, <li>, <h2>, <h3> and <a href="https://...">.
"""

COURSE = {
    "title": "Social confidence for healthcare staff",
    "slug": "social-confidence-for-healthcare-staff",
    "intro": (
        "<p>Patients, carers and colleagues are already talking about health "
        "on social media. This course helps you join that conversation "
        "safely: what you may say, what you must never say, and what to do "
        "when something you see online needs action.</p>"
        "<p>It is written for nurses, doctors, pharmacists and everyone who "
        "works in a hospital, a clinic or a pharmaceutical company. It takes "
        "about an hour.</p>"
        "<h3>How the course works</h3>"
        "<ol>"
        "<li><b>Two guidelines</b> explain why healthcare belongs online and "
        "how to speak with confidence.</li>"
        "<li><b>Our code of conduct</b> sets out the rules you will "
        "acknowledge.</li>"
        "<li><b>Five case studies</b> show what worked, and what went "
        "wrong, for real organisations.</li>"
        "<li><b>A final quiz</b> checks your understanding. The pass mark is "
        "80%, and the certificate is valid for 12 months.</li>"
        "</ol>"
        "<p>Nothing here replaces your own organisation's social media "
        "policy. If the two ever seem to disagree, follow your local policy "
        "and ask your communications team.</p>"
    ),
    "validity_months": 12,
    "lessons": [
        # ------------------------------------------------------------------
        # 1. Guideline
        # ------------------------------------------------------------------
        {
            "kind": "guideline",
            "title": "Why healthcare belongs on social media",
            "slug": "why-healthcare-belongs-on-social-media",
            "summary": (
                "Health is already discussed on social media, with or without "
                "us. This lesson explains why our voice matters there and why "
                "our own hesitation, more than regulation, keeps us quiet."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>The conversation is already happening</h2>"
                        "<p>For many people, the first place they go with a "
                        "health question is no longer the waiting room. It is "
                        "a search bar, a patient forum, a Facebook group or a "
                        "short video. Surveys in the United States have found "
                        "that about a third of adults use social networks to "
                        "find other people living with the same condition "
                        "as them. They compare symptoms, swap tips on side "
                        "effects, recommend clinics and warn each other off "
                        "treatments.</p>"
                        "<p>Clinicians are part of this shift too. Most "
                        "doctors say they want to use social media "
                        "professionally: to share knowledge with peers, to "
                        "follow new research, and to reach patients with "
                        "reliable information. Nurses and pharmacists are "
                        "often the most trusted voices in their "
                        "communities, online as much as offline.</p>"
                    ),
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Healthcare lags behind</h2>"
                        "<p>Compared with retail, travel, banking or "
                        "technology, hospitals and pharmaceutical companies "
                        "have been slow to take part. Many pages are little "
                        "more than press releases and job adverts. Comments "
                        "are switched off or left unanswered. Staff are told, "
                        "in effect, to stay away.</p>"
                        "<p>It is tempting to blame regulation. Healthcare is "
                        "regulated, and some rules, such as the ban on "
                        "promoting medicines outside their approved use, are "
                        "strict. But when organisations look honestly at what "
                        "holds them back, the main barrier is usually "
                        "<b>internal hesitation</b>: people simply do not "
                        "know what they are allowed to say. When nobody is "
                        "sure, the safest-looking answer is to say "
                        "nothing.</p>"
                        "<p>That uncertainty can be fixed. The rules that "
                        "apply online are, for the most part, the same rules "
                        "you already follow at work every day: protect "
                        "patient privacy, do not give advice without an "
                        "assessment, report safety information, stay within "
                        "approved use. This course makes those rules "
                        "explicit, so that you can act on them with "
                        "confidence.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "note",
                        "title": "Silence is not neutral",
                        "text": (
                            "<p>When qualified people stay quiet, the space "
                            "does not stay empty. It fills with rumours, "
                            "miracle cures, frightening anecdotes and "
                            "advertising dressed up as advice. Every "
                            "unanswered question is answered by someone "
                            "else, and that someone may be wrong.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>What we gain by taking part</h2>"
                        "<ul>"
                        "<li><b>Better-informed patients.</b> Clear, "
                        "accurate information about a condition, a screening "
                        "programme or how to take a medicine safely helps "
                        "people make better decisions before they ever reach "
                        "us.</li>"
                        "<li><b>Early warning.</b> Patients often describe "
                        "problems online before they raise them formally. "
                        "Listening lets us spot safety signals, service "
                        "failures and misunderstandings early.</li>"
                        "<li><b>Trust.</b> An organisation that answers "
                        "questions openly, admits mistakes and corrects "
                        "errors earns credibility that no campaign can "
                        "buy.</li>"
                        "<li><b>A corrective voice.</b> When misinformation "
                        "spreads, a calm, sourced answer from a real nurse, "
                        "pharmacist or doctor can travel just as far.</li>"
                        "</ul>"
                        "<p>None of this requires everyone to become an "
                        "influencer. It requires enough people to understand "
                        "the rules well enough that, when the moment comes, "
                        "they know what they may say and where to send what "
                        "they may not.</p>"
                    ),
                },
                {
                    "type": "quote",
                    "value": {
                        "quote": ("The risk is not only in what we say online. It is also in what we leave unsaid."),
                        "attribution": "The principle behind this course",
                    },
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "Patients already use social media to learn about "
                            "health and to find peers with the same condition.",
                            "Most doctors want to use social media "
                            "professionally; healthcare staff are trusted "
                            "voices.",
                            "Hospitals and pharma lag other industries, mainly "
                            "because staff are unsure what they may say, not "
                            "because regulation forbids it.",
                            "Silence is not neutral: misinformation fills the gap we leave.",
                        ]
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # 2. Guideline
        # ------------------------------------------------------------------
        {
            "kind": "guideline",
            "title": "Guidelines for speaking with confidence",
            "slug": "guidelines-for-speaking-with-confidence",
            "summary": (
                "Nine practical principles for organisations and individuals: "
                "focus on content, start small, listen first, be transparent, "
                "and build the team, support and training that make speaking "
                "safe."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>Confidence online does not come from knowing "
                        "every platform. It comes from a few clear principles "
                        "that everyone in the organisation shares. These are "
                        "the ones that make the biggest difference.</p>"
                        "<h3>1. Focus on content, not channel</h3>"
                        "<p>Platforms change every year; the rules about "
                        "what you may say do not. <b>What is compliant "
                        "offline is compliant online, and what is not "
                        "compliant offline is not compliant online.</b> If "
                        "you could say it in an approved patient leaflet, a "
                        "public talk or a conversation at the pharmacy "
                        "counter, you can usually say it in a post. If you "
                        "could not, a new channel does not make it "
                        "acceptable.</p>"
                        "<h3>2. Start small</h3>"
                        "<p>You do not need a presence on every network. "
                        "Start with one thing you can do well: a blog with "
                        "practical advice from your nurses, or a genuine "
                        "relationship with one patient community. Learn from "
                        "it, then grow.</p>"
                        "<h3>3. Prepare, but stay flexible</h3>"
                        "<p>Agree in advance what you will post, who answers "
                        "which kinds of question, and how to escalate. Then "
                        "accept that conversations rarely follow the plan. "
                        "Preparation is what lets you respond quickly when "
                        "they do not.</p>"
                        "<h3>4. Listen before you speak</h3>"
                        "<p>Social listening means following what people "
                        "actually say about a condition, a treatment or your "
                        "organisation. It tells you where your audience is, "
                        "what they need and what worries them. <b>Listening "
                        "decides the channel</b>, not the other way "
                        "round.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "do",
                        "title": "Ask the offline question",
                        "text": (
                            "<p>Before you post, ask: <i>Would I be "
                            "comfortable saying this, in these words, to a "
                            "patient in front of me, with my manager and a "
                            "regulator listening?</i> If the answer is yes, "
                            "the channel is rarely the problem.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>5. Be transparent and authentic</h3>"
                        "<p>Say who you are and who you work for. Write like "
                        "a person, not a press release. Underpin all of this "
                        "with a clear <b>digital code of ethics</b> that "
                        "everyone can read, so that honesty is a shared "
                        "standard rather than a personal choice.</p>"
                        "<h3>6. Build a dedicated team with pre-agreed "
                        "content</h3>"
                        "<p>If every post goes through full review from "
                        "scratch, nothing is ever timely. A small, trained "
                        "team working from <b>pre-agreed content types</b> "
                        "(disease-awareness facts, service information, "
                        "event news, standard replies to common questions) "
                        "needs far fewer case-by-case approvals. Reviewers "
                        "approve the framework once; the team works within "
                        "it.</p>"
                        "<h3>7. Win support from legal, regulatory, medical "
                        "and CSR</h3>"
                        "<p>Bring legal, regulatory, medical affairs and "
                        "corporate social responsibility (CSR) colleagues in "
                        "early, as partners rather than gatekeepers. When "
                        "they help design the rules, they trust the team to "
                        "apply them.</p>"
                        "<h3>8. Train staff continuously</h3>"
                        "<p>One session at induction is not enough. "
                        "Platforms, risks and regulations shift. Regular, "
                        "short refreshers, like this course, keep everyone "
                        "current.</p>"
                        "<h3>9. Keep improving how you measure return</h3>"
                        "<p>Return on investment (ROI) in healthcare is not "
                        "just likes and followers. Look at questions "
                        "answered, misinformation corrected, safety reports "
                        "captured, appointments booked, complaints resolved. "
                        "Refine these measures as you learn.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "dont",
                        "title": "Don't start with the platform",
                        "text": (
                            "<p>Opening an account because a new network is "
                            "fashionable, before you know what you will say "
                            "or who will answer, is how abandoned pages and "
                            "unanswered complaints begin.</p>"
                        ),
                    },
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "What is compliant offline is compliant online; judge the content, not the channel.",
                            "Start small, prepare, and stay flexible.",
                            "Listen before you speak: social listening decides the channel.",
                            "Transparency and authenticity rest on a clear digital code of ethics.",
                            "A dedicated team with pre-agreed content types needs fewer case-by-case approvals.",
                            "Win legal, regulatory, medical and CSR support, "
                            "train continuously, and keep refining how you "
                            "measure ROI.",
                        ]
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # 3. Code of conduct
        # ------------------------------------------------------------------
        {
            "kind": "code_of_conduct",
            "title": "Our code of conduct online",
            "slug": "our-code-of-conduct-online",
            "summary": (
                "Eight rules every member of staff follows whenever they speak "
                "about health or about our organisation online. You will be "
                "asked to acknowledge them."
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>These rules apply whenever you post, comment, "
                        "share or send a message about health or about our "
                        "organisation, on an official account or on your "
                        "own. They are not there to keep you quiet. They are "
                        "there so that you can speak knowing where the lines "
                        "are.</p>"
                        "<h3>1. Disclose who you work for</h3>"
                        "<p>When you talk about our services, our products, "
                        "or the conditions they treat, say that you work "
                        "for us. A simple line such as \"I'm a pharmacist "
                        'at ..." is enough. Undisclosed praise of your own '
                        "employer is misleading, and in pharma it can be "
                        "treated as promotion.</p>"
                        "<h3>2. Protect patient privacy</h3>"
                        "<p>Never share anything that could identify a "
                        "patient: names, photos, dates, ward or room numbers, "
                        "rare conditions, or unusual circumstances. Be "
                        'careful with "anonymised" stories. A local '
                        "audience can often recognise a patient from just a "
                        "few details, such as the age, the town and the day "
                        "it happened. If in doubt, leave it out.</p>"
                        "<h3>3. Support face-to-face care, never replace "
                        "it</h3>"
                        "<p>Online information supports care; it does not "
                        "replace an assessment by a professional who knows "
                        "the patient. Do not give individual medical advice "
                        "online, however simple the question looks. Offer "
                        "general, approved information and direct the person "
                        "to their own doctor, nurse or pharmacist. <b>Never "
                        "handle an emergency online</b>: if someone "
                        "describes chest pain, breathing difficulty, "
                        "thoughts of self-harm or any other urgent symptom, "
                        "tell them to contact emergency services "
                        "immediately, then alert your team.</p>"
                        "<h3>4. Report adverse events</h3>"
                        "<p>If you see a post or comment describing a "
                        "possible side effect, lack of effect or other "
                        "problem with one of our products, report it to "
                        "pharmacovigilance within the company's timelines. "
                        "Report it <b>even if you are unsure</b> whether it "
                        "counts, and even if the details are incomplete. "
                        "Assessing it is the safety team's job, not "
                        "yours.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "do",
                        "title": "When in doubt, report",
                        "text": (
                            "<p>Take a screenshot, note the link and the "
                            "time, and send it to pharmacovigilance through "
                            "the usual channel the same day. Do not argue "
                            "with the poster or ask them for more medical "
                            "details in public.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h3>5. No promotion outside approved use</h3>"
                        "<p>Never promote a medicine or device for a use, "
                        "dose or population that it is not approved for "
                        "(off-label). This includes sharing or liking "
                        "someone else's post that does so. If you are asked "
                        "about off-label use, do not answer in public; refer "
                        "the question to medical information.</p>"
                        "<h3>6. Never trade on fear, illness or death</h3>"
                        "<p>Do not use an outbreak, a frightening news story, "
                        "or a person's illness or death, including a "
                        "celebrity's, to sell a service or product. It "
                        "exploits people when they are most vulnerable, and "
                        "it destroys trust.</p>"
                        "<h3>7. Correct misinformation with facts and "
                        "sources</h3>"
                        "<p>When you see false health information, respond "
                        "calmly, with accurate facts and a link to a "
                        "reliable source. Correct the claim, not the "
                        "person. Do not mock, and do not get drawn into "
                        "long arguments.</p>"
                        "<h3>8. Never ignore criticism</h3>"
                        "<p>Every complaint or critical comment gets either "
                        "an answer or an escalation to the right team. "
                        "One-way communication, where we broadcast but never "
                        "reply, is punished online: silence reads as "
                        "indifference or guilt, and criticism grows. Do not "
                        "delete fair criticism.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "dont",
                        "title": "Don't reply from instinct",
                        "text": (
                            "<p>If a comment makes you angry or defensive, "
                            "step away and escalate it. A rushed reply on an "
                            "official account can become the story.</p>"
                        ),
                    },
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "Disclose who you work for.",
                            'Never share identifiable patient details; "anonymised" stories can still identify.',
                            "No individual medical advice online; in an emergency, point to emergency services.",
                            "Report every possible adverse event to "
                            "pharmacovigilance within the timelines, even "
                            "if unsure.",
                            "No off-label promotion; never trade on fear, illness or death.",
                            "Correct misinformation with facts and sources, "
                            "and never ignore criticism: answer or escalate.",
                        ]
                    },
                },
            ],
            "acknowledgement_text": (
                "I have read and understood this code of conduct, and I will "
                "follow it whenever I speak about health or about my "
                "organisation online: I will disclose who I work for, protect "
                "patient privacy, give no individual medical advice, report "
                "possible adverse events, avoid off-label promotion, never "
                "trade on fear or illness, correct misinformation with facts, "
                "and answer or escalate criticism."
            ),
        },
        # ------------------------------------------------------------------
        # 4. Case study
        # ------------------------------------------------------------------
        {
            "kind": "case_study",
            "title": "A surgeon's page that became a listening centre",
            "slug": "a-surgeons-page-that-became-a-listening-centre",
            "summary": (
                "A cosmetic-surgery director opened his own Facebook page and "
                "grew it into a staff-run social centre built for listening "
                "rather than selling."
            ),
            "situation": (
                "<p>Around 2011, a cosmetic-surgery group in Seoul worked in "
                "one of the most competitive and most criticised corners of "
                "healthcare. Prospective patients researched clinics "
                "intensively online, compared before-and-after stories, and "
                "shared fears about safety, pain and cost with each other. "
                "Most clinics used the internet as a shop window.</p>"
            ),
            "what_happened": (
                "<p>The group's director opened a Facebook page in his own "
                "name and started answering people himself: general "
                "questions about procedures, recovery and risks. The "
                "questions kept coming. Over 2011 and 2012 the page grew into "
                "a dedicated social centre, run by trained staff, whose job "
                "was to listen: to collect what people were asking and "
                "worrying about, respond openly, and feed what they heard "
                "back into the clinic's services and information.</p>"
            ),
            "what_to_learn": (
                "<p>Start small and personal, then build a team around what "
                "works. Design for listening, not selling. A presence that "
                "answers real questions earns trust that advertising "
                "cannot.</p>"
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>The situation</h2>"
                        "<p>Cosmetic surgery is elective, expensive and "
                        "emotional. People considering a procedure often "
                        "spend months reading online before they ever call a "
                        "clinic. They want to know what recovery feels like, "
                        "what can go wrong and whether they can trust the "
                        "surgeon. In a crowded market, most clinics answered "
                        "with advertising: glossy photos, discounts, "
                        "promises.</p>"
                        "<p>Around 2011, the director of a cosmetic-surgery "
                        "group in Seoul took a different route. Instead of "
                        "commissioning another campaign, he opened a "
                        "Facebook page under his own name.</p>"
                        "<h2>What happened</h2>"
                        "<p>He used the page to talk, and above all to "
                        "answer. He explained in general terms what "
                        "procedures involve, how long recovery takes and "
                        "which risks people should discuss with a surgeon. "
                        "Because the answers came from a named professional, "
                        "people engaged. The number of questions grew "
                        "quickly, far beyond what one busy surgeon could "
                        "handle.</p>"
                        "<p>Rather than close the page or hand it to an "
                        "advertising agency, the group built on it. Over "
                        "2011 and 2012 the page grew into a <b>social "
                        "centre</b>: a small, dedicated team of trained "
                        "staff who monitored conversations, replied to "
                        "questions, and passed concerns to the right "
                        "clinicians. The team was built for listening "
                        "rather than selling. Its job was to understand "
                        "what people were worried about, such as scarring, "
                        "anaesthesia, aftercare or costs, and to make sure "
                        "those worries were answered honestly, on the page "
                        "and in the clinic's own information.</p>"
                        "<p>What the team heard also shaped the service. "
                        "Recurring questions became clearer patient "
                        "materials. Recurring complaints became fixes. The "
                        "page stopped being a marketing channel and became "
                        "a way for the organisation to hear its "
                        "patients.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "note",
                        "title": "Individual advice still belongs in the consulting room",
                        "text": (
                            "<p>Even a trusted surgeon's page must not "
                            "become a place for individual diagnosis. The "
                            "team gave general information and invited "
                            "people to a proper consultation for anything "
                            "specific to them, which is exactly what our "
                            "code of conduct asks of you.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>What to learn</h2>"
                        "<ul>"
                        "<li><b>Start small and personal.</b> One person "
                        "answering questions honestly was enough to prove "
                        "the need.</li>"
                        "<li><b>Build a team around what works.</b> When "
                        "demand outgrew one person, the answer was a "
                        "trained, dedicated team, not silence.</li>"
                        "<li><b>Listen more than you sell.</b> In a field "
                        "known for hard selling, listening was what stood "
                        "out.</li>"
                        "<li><b>Close the loop.</b> Listening is only "
                        "valuable if what you hear changes what you "
                        "do.</li>"
                        "</ul>"
                    ),
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "A single professional's page can be the start of an organisational capability.",
                            "A social centre built for listening earns more trust than one built for selling.",
                            "Give general information online; keep individual advice for the consultation.",
                            "Feed what you hear back into services and patient information.",
                        ]
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # 5. Case study
        # ------------------------------------------------------------------
        {
            "kind": "case_study",
            "title": "Listening at scale: a command centre",
            "slug": "listening-at-scale-a-command-centre",
            "summary": (
                "A computer maker built a listening command centre that tracks "
                "about 22,000 topics a day in 11 languages and routes them to "
                "the right teams in real time."
            ),
            "situation": (
                "<p>By 2010, a large computer maker was being discussed "
                "online tens of thousands of times a day, in many languages, "
                "by customers, critics and fans. Complaints, product "
                "problems and ideas were scattered across forums, blogs and "
                "social networks.</p>"
            ),
            "what_happened": (
                "<p>In 2010 the company opened a listening command centre. "
                "It tracks about 22,000 topics a day in 11 languages, "
                "classifies what it finds, and shares it in real time with "
                "the teams who can act: support, product, communications "
                "and sales.</p>"
            ),
            "what_to_learn": (
                "<p>Listening is a capability you build, with people, tools "
                "and processes. Its value comes from routing each signal to "
                "the team that can act on it. In healthcare, one of those "
                "teams is always pharmacovigilance.</p>"
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>The situation</h2>"
                        "<p>This case comes from outside healthcare, and "
                        "that is the point: other industries learned to "
                        "listen at scale earlier than we did.</p>"
                        "<p>By the late 2000s, a large computer maker "
                        "realised that its customers were talking about it "
                        "constantly, in forums, blogs and social networks, "
                        "in many languages and across every time zone. Some "
                        "posts were praise. Many were complaints about "
                        "faulty parts, slow support or confusing products. "
                        "Some were ideas. Almost none reached the people "
                        "inside the company who could do something about "
                        "them.</p>"
                        "<h2>What happened</h2>"
                        "<p>In 2010 the company opened a social media "
                        "listening <b>command centre</b>. A dedicated team, "
                        "supported by monitoring software, tracked around "
                        "<b>22,000 topics a day in 11 languages</b>. Every "
                        "relevant post was classified by subject, sentiment "
                        "and urgency.</p>"
                        "<p>Crucially, the centre did not keep what it "
                        "found to itself. It shared conversations <b>in "
                        "real time</b> with the teams that could act: "
                        "customer support picked up individual problems, "
                        "product teams saw recurring faults, communications "
                        "saw emerging stories before they became "
                        "headlines. Staff across the company were trained "
                        "to join conversations in their own area.</p>"
                        "<p>The result was faster problem-solving, fewer "
                        "complaints that escalated, and a steady flow of "
                        "real customer insight into product decisions.</p>"
                    ),
                },
                {
                    "type": "quote",
                    "value": {
                        "quote": (
                            "Listening is not a mood. It is a capability, "
                            "with people, tools and a route to the team that "
                            "can act."
                        ),
                        "attribution": "The lesson of this case",
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>What it means for healthcare</h2>"
                        "<p>Few hospitals or pharma companies need 22,000 "
                        "topics a day. But the structure translates "
                        "directly. Listening in healthcare should route "
                        "each signal to the team that owns it:</p>"
                        "<ul>"
                        "<li><b>Possible adverse events</b> go to "
                        "pharmacovigilance, within the company's "
                        "timelines.</li>"
                        "<li><b>Questions about a medicine's use</b> go to "
                        "medical information.</li>"
                        "<li><b>Complaints about care or service</b> go to "
                        "patient relations or the service lead.</li>"
                        "<li><b>Misinformation and emerging stories</b> go "
                        "to communications, with medical input.</li>"
                        "<li><b>Urgent risk to a person</b> triggers an "
                        "immediate pointer to emergency services and an "
                        "alert to the team.</li>"
                        "</ul>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "do",
                        "title": "Know your routes before you need them",
                        "text": (
                            "<p>Find out now who receives adverse-event "
                            "reports, medical questions and complaints in "
                            "your organisation, and how to reach them. "
                            "Listening without a route just means knowing "
                            "about problems you cannot fix.</p>"
                        ),
                    },
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "Listening at scale is a built capability: a team, tools and clear processes.",
                            "The command centre tracked about 22,000 topics a day in 11 languages from 2010.",
                            "Its value came from sharing signals in real time with the team that could act.",
                            "In healthcare, listening must route adverse events to pharmacovigilance every time.",
                        ]
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # 6. Case study
        # ------------------------------------------------------------------
        {
            "kind": "case_study",
            "title": "Useful content finds its audience: a pharma YouTube channel",
            "slug": "useful-content-finds-its-audience",
            "summary": (
                "A pharmaceutical company's YouTube channel of approved, "
                "non-promotional patient-education videos reached audiences "
                "of more than 300,000 views per video."
            ),
            "situation": (
                "<p>A pharmaceutical company wanted to reach patients and "
                "carers directly, but could not promote prescription "
                "medicines to the public. Many in the company assumed that "
                "compliant content would be too dull for anyone to "
                "watch.</p>"
            ),
            "what_happened": (
                "<p>The company launched a YouTube channel of "
                "disease-awareness and patient-education videos: how a "
                "condition works, how to manage daily life with it, what "
                "to ask a doctor. Every video went through normal review. "
                "Several passed 300,000 views.</p>"
            ),
            "what_to_learn": (
                "<p>Useful, approved, non-promotional content reaches "
                "people. Compliance and reach are not opposites; "
                "usefulness is what drives reach.</p>"
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>The situation</h2>"
                        "<p>In most countries, pharmaceutical companies may "
                        "not advertise prescription medicines to the "
                        "public. For years this led many companies to "
                        "conclude that they had nothing to say to patients "
                        "at all. Inside one company, a common view was that "
                        "anything compliant would be too cautious and too "
                        "dull to attract an audience.</p>"
                        "<p>Meanwhile, patients and carers were searching "
                        "video platforms for help: what a diagnosis means, "
                        "how to use an inhaler or an injection pen, how to "
                        "cope with fatigue, what questions to bring to an "
                        "appointment. Much of what they found was "
                        "unreliable.</p>"
                        "<h2>What happened</h2>"
                        "<p>The company set up a YouTube channel focused on "
                        "<b>disease awareness and patient education</b>. "
                        "The videos explained conditions in plain language, "
                        "showed practical self-care, and featured "
                        "healthcare professionals and patients talking "
                        "about living with a condition. They did not "
                        "promote products.</p>"
                        "<p>Every video went through the company's normal "
                        "medical, legal and regulatory review, and the "
                        "channel had a clear policy on comments, including "
                        "how possible adverse events raised in comments "
                        "would be captured and reported. Several videos "
                        "passed <b>300,000 views</b>, an audience far "
                        "larger than any leaflet or waiting-room poster "
                        "could reach.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "do",
                        "title": "Make it useful first",
                        "text": (
                            "<p>Start from the questions patients actually "
                            "ask, which social listening will tell you. "
                            "Answer them clearly, with approved "
                            "information, and point people to their own "
                            "healthcare professional for anything "
                            "individual.</p>"
                        ),
                    },
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "dont",
                        "title": "Don't hide promotion in education",
                        "text": (
                            '<p>A "disease-awareness" video that steers '
                            "viewers towards one brand, or hints at a use "
                            "that is not approved, is promotion. It will be "
                            "treated as such by regulators, and by "
                            "viewers.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>What to learn</h2>"
                        "<p>The channel disproved the assumption that "
                        "compliant means invisible. People did not watch "
                        "because the videos were clever or expensive. They "
                        "watched because the videos helped them. "
                        "<b>Usefulness drives reach.</b></p>"
                        "<p>For hospital and clinic staff, the same applies "
                        "on a smaller scale. A two-minute video from a "
                        "nurse on preparing for a procedure, or a "
                        "pharmacist's explainer on taking antibiotics "
                        "correctly, can do more good than a dozen "
                        "announcements, provided it is approved, general "
                        "and honest about what it is.</p>"
                        "<p>Before you film or write, check three things: "
                        "that the topic comes from a real patient question, "
                        "that the content has been through your normal "
                        "approval route, and that someone is ready to read "
                        "and answer the comments it attracts.</p>"
                    ),
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "Approved, non-promotional patient education can reach very large audiences.",
                            "Usefulness, not promotion, is what drives reach.",
                            "Run every piece through normal review and plan "
                            "how comments and adverse events are handled.",
                            "Disease awareness must not become hidden or off-label promotion.",
                        ]
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # 7. Case study
        # ------------------------------------------------------------------
        {
            "kind": "case_study",
            "title": "When clinics chase the news",
            "slug": "when-clinics-chase-the-news",
            "summary": (
                "Some clinics used pandemic fears and celebrity illnesses to "
                "market their services. This case shows why that backfires: "
                "it trades on fear, loses trust and draws regulatory "
                "complaints."
            ),
            "situation": (
                "<p>During a pandemic, and again when a well-known person "
                "announced a serious illness, public attention to health "
                "soared. Searches and conversations about symptoms, tests "
                "and screening spiked overnight.</p>"
            ),
            "what_happened": (
                "<p>Some clinics rushed to attach their marketing to the "
                "news: posts urging people to book tests \"before it's too "
                "late\", screening packages named after a celebrity's "
                "diagnosis, discounts timed to frightening headlines. The "
                "posts drew anger, accusations of exploitation, complaints "
                "to regulators and professional bodies, and lasting damage "
                "to the clinics' reputations.</p>"
            ),
            "what_to_learn": (
                "<p>Never trade on fear, or on a person's illness or "
                "death, to sell a service. When health is in the news, "
                "offer calm, accurate, sourced information and clear "
                "guidance on when and where to seek care.</p>"
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>This case is a composite of patterns seen "
                        "repeatedly in several countries. It is included "
                        "because the temptation it describes is common, "
                        "and easy to give in to under pressure.</p>"
                        "<h2>The situation</h2>"
                        "<p>When health dominates the news, attention "
                        "spikes. During a pandemic, people search for "
                        "symptoms, tests and ways to protect their "
                        "families. When a well-known person announces a "
                        "cancer diagnosis or dies suddenly, thousands of "
                        "people wonder whether they are at risk too. For a "
                        "clinic's marketing team, these moments can look "
                        "like opportunities.</p>"
                        "<h2>What happened</h2>"
                        "<p>Some clinics moved quickly to ride the wave. "
                        'Posts appeared urging people to "book your test '
                        "now, before it's too late\". Screening packages "
                        "were renamed after a celebrity's condition. "
                        "Discounts were timed to the most frightening "
                        "headlines. Some posts used a public figure's "
                        "photograph, or the news of their death, next to a "
                        "booking link.</p>"
                        "<p>The reaction was swift. Commenters accused the "
                        "clinics of profiting from fear and grief. The "
                        "posts were screenshotted and shared far more "
                        "widely than the originals. Relatives and fans of "
                        "the people concerned were hurt. Professional "
                        "bodies and regulators received complaints about "
                        "misleading and unethical advertising, and some "
                        "clinics faced investigations. Long after the "
                        "posts were deleted, searches for the clinics' "
                        "names still turned up the criticism.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "dont",
                        "title": "Don't attach a sales message to a headline",
                        "text": (
                            "<p>Outbreaks, disasters, and any person's "
                            "illness or death are never hooks for "
                            "promotion. This applies to official accounts "
                            "and to staff posting about their own "
                            "workplace.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>Why it backfires</h2>"
                        "<ul>"
                        "<li><b>It trades on fear and illness.</b> It "
                        "pressures people at the moment they are least able "
                        "to make a calm decision, which is exactly what our "
                        "code of conduct forbids.</li>"
                        "<li><b>It destroys trust.</b> Patients expect "
                        "healthcare to put their interest first. A post "
                        "that seems to profit from suffering suggests the "
                        "opposite, and that impression lasts.</li>"
                        "<li><b>It invites regulatory complaints.</b> "
                        "Fear-based or misleading health advertising "
                        "breaches advertising and professional rules in "
                        "many countries.</li>"
                        "<li><b>It can cause harm.</b> Urging unnecessary "
                        "tests wastes resources and can crowd out people "
                        "who really need care.</li>"
                        "</ul>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "do",
                        "title": "What to do instead",
                        "text": (
                            "<p>When health is in the news, share calm, "
                            "accurate information with sources: who is "
                            "actually at risk, which symptoms need "
                            "attention, when to see a doctor and where to "
                            "go in an emergency. Helpful content earns "
                            "trust that lasts beyond the headline.</p>"
                        ),
                    },
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "Never use an outbreak, or a person's illness or death, to sell a service.",
                            "Fear-based marketing loses trust and attracts regulatory complaints.",
                            "When health is in the news, inform calmly with facts and sources.",
                            "Deleting a post does not delete the screenshots.",
                        ]
                    },
                },
            ],
        },
        # ------------------------------------------------------------------
        # 8. Case study
        # ------------------------------------------------------------------
        {
            "kind": "case_study",
            "title": "The company that ignored its critics",
            "slug": "the-company-that-ignored-its-critics",
            "summary": (
                "A company met growing online criticism with silence, and "
                "the silence made it worse. This case shows what answering "
                "or escalating would have looked like."
            ),
            "situation": (
                "<p>A healthcare company's social media accounts were used "
                "only to broadcast news. When patients began posting "
                "complaints about a product supply problem and unhelpful "
                "customer service, nobody was responsible for replying.</p>"
            ),
            "what_happened": (
                "<p>The complaints went unanswered for weeks, and some "
                "were deleted. Patients concluded the company did not care, "
                "organised, and took their story to patient groups and "
                "journalists. What began as a handful of comments became a "
                "public campaign and a news story.</p>"
            ),
            "what_to_learn": (
                "<p>Never ignore criticism: answer it or escalate it. "
                "One-way communication is punished. A prompt, human "
                "acknowledgement and a route to a real solution would have "
                "kept a solvable problem small.</p>"
            ),
            "body": [
                {
                    "type": "rich_text",
                    "value": (
                        "<p>This case is a composite, built from situations "
                        "that have played out many times across "
                        "healthcare and other industries.</p>"
                        "<h2>The situation</h2>"
                        "<p>A healthcare company ran accounts on several "
                        "social networks. They were used to broadcast: "
                        "press releases, awards, event photos. Nobody was "
                        "responsible for reading or answering comments, "
                        "and there was no agreed route for passing "
                        "complaints to the teams that could fix them.</p>"
                        "<p>Then a product used daily by patients with a "
                        "chronic condition became hard to obtain. Patients "
                        "and carers started posting under the company's "
                        "updates: where could they get it, what should "
                        "they do in the meantime, why did the customer "
                        "service line keep them on hold for an hour?</p>"
                        "<h2>What happened</h2>"
                        "<p>Nobody replied. The company kept posting "
                        "cheerful news, and the complaints kept appearing "
                        "beneath it. After a few weeks, someone deleted a "
                        "group of the angriest comments. Patients noticed, "
                        "and posted screenshots of the deletions.</p>"
                        "<p>Silence was read as indifference, and the "
                        "deletions as a cover-up. Patients created their "
                        "own group to share what they knew, contacted "
                        "patient organisations, and took the story to "
                        "journalists. A problem that was largely logistical "
                        "became a question of trust, covered in the press. "
                        "Some of the posts had also described symptoms "
                        "after switching to an alternative product, and "
                        "none of these had been passed to "
                        "pharmacovigilance.</p>"
                    ),
                },
                {
                    "type": "callout",
                    "value": {
                        "kind": "dont",
                        "title": "Don't delete fair criticism",
                        "text": (
                            "<p>Removing honest complaints almost always "
                            "makes things worse. Remove only content that "
                            "breaks the platform's or your published "
                            "house rules, such as abuse or someone's "
                            "personal data, and say that you have done "
                            "so.</p>"
                        ),
                    },
                },
                {
                    "type": "rich_text",
                    "value": (
                        "<h2>What answering or escalating would have looked "
                        "like</h2>"
                        "<ol>"
                        "<li><b>Acknowledge quickly and publicly.</b> \"We're "
                        "sorry, we know some of you can't get this product "
                        "right now. We're working on it and will post an "
                        'update here by Friday."</li>'
                        "<li><b>Escalate to the owners.</b> Supply, "
                        "customer service and medical information each get "
                        "the comments relevant to them, the same day.</li>"
                        "<li><b>Report safety information.</b> Every "
                        "mention of symptoms or side effects goes to "
                        "pharmacovigilance within the company's "
                        "timelines.</li>"
                        "<li><b>Take individual cases offline.</b> Invite "
                        "people to a direct message or phone line for "
                        "personal details, and never discuss their health "
                        "in public.</li>"
                        "<li><b>Follow up.</b> Keep the promise: post "
                        "updates until the problem is resolved.</li>"
                        "</ol>"
                    ),
                },
                {
                    "type": "quote",
                    "value": {
                        "quote": ("People forgive a problem far more readily than they forgive being ignored."),
                        "attribution": "The lesson of this case",
                    },
                },
                {
                    "type": "key_takeaways",
                    "value": {
                        "items": [
                            "One-way communication is punished: silence reads as indifference and criticism grows.",
                            "Every critical comment is answered or escalated to the team that can act.",
                            "Deleting fair criticism turns a problem into a cover-up story.",
                            "Complaints can contain adverse events; report them to pharmacovigilance.",
                        ]
                    },
                },
            ],
        },
    ],
    "quiz": {
        "title": "Social confidence for healthcare staff: final quiz",
        "slug": "social-confidence-final-quiz",
        "pass_mark": 80,
        "shuffle_answers": True,
        "description": (
            "<p>This quiz checks that you can apply the guidelines, the code "
            "of conduct and the lessons of the case studies to realistic "
            "situations. Some questions have more than one correct answer; "
            "they say so. You need 80% to pass. After grading, each "
            "question shows an explanation.</p>"
        ),
        "success_text": (
            "<p><b>Well done, you have passed.</b> You now know what you may "
            "say online, what you must never say, and where to send what "
            "needs action. Your certificate is valid for 12 months.</p>"
        ),
        "fail_text": (
            "<p>You have not reached the pass mark this time. Read the "
            "explanations for the questions you missed, revisit the lessons "
            "they point to, especially the code of conduct, and then try "
            "again.</p>"
        ),
        "questions": [
            # Lesson 1
            {
                "kind": "single",
                "lesson": "why-healthcare-belongs-on-social-media",
                "text": (
                    "Your hospital's leadership is discussing whether to "
                    "become more active on social media. A colleague says: "
                    '"Regulation makes it impossible for us to say anything '
                    'useful." Based on the course, what is usually the main '
                    "barrier?"
                ),
                "explanation": (
                    "Regulation matters, but the main barrier is usually "
                    "internal hesitation: staff do not know what they are "
                    "allowed to say, so they say nothing. Making the rules "
                    "clear is the way to overcome it."
                ),
                "choices": [
                    {
                        "text": "Laws that forbid hospitals from using social media.",
                        "correct": False,
                    },
                    {
                        "text": "Patients do not look for health information on social media.",
                        "correct": False,
                    },
                    {
                        "text": "Social media platforms do not allow healthcare organisations to have accounts.",
                        "correct": False,
                    },
                    {
                        "text": "Internal hesitation: staff are not sure what they may say.",
                        "correct": True,
                    },
                ],
            },
            {
                "kind": "true_false",
                "lesson": "why-healthcare-belongs-on-social-media",
                "text": (
                    "If a hospital posts nothing about a health topic that "
                    "patients are discussing, the conversation simply stays "
                    "neutral, so silence carries no risk."
                ),
                "explanation": (
                    "False. Silence is not neutral. When qualified voices "
                    "stay quiet, misinformation, rumours and disguised "
                    "advertising fill the gap."
                ),
                "choices": [
                    {"text": "True", "correct": False},
                    {"text": "False", "correct": True},
                ],
            },
            # Lesson 2
            {
                "kind": "true_false",
                "lesson": "guidelines-for-speaking-with-confidence",
                "text": (
                    "A statement about a medicine that is not compliant in a "
                    "printed leaflet can become acceptable if it is posted "
                    "in a short video on a new social platform."
                ),
                "explanation": (
                    "False. Focus on content, not channel: what is compliant "
                    "offline is compliant online, and what is not compliant "
                    "offline does not become acceptable on a new platform."
                ),
                "choices": [
                    {"text": "True", "correct": False},
                    {"text": "False", "correct": True},
                ],
            },
            {
                "kind": "multiple",
                "lesson": "guidelines-for-speaking-with-confidence",
                "text": (
                    "Your pharma company's social media posts take weeks to "
                    "approve, so replies are always late. Which measures "
                    "from the course would help? Select all that apply."
                ),
                "explanation": (
                    "A dedicated team working from pre-agreed content types "
                    "needs far fewer case-by-case approvals, and bringing "
                    "legal, regulatory, medical and CSR in early makes them "
                    "partners who trust the framework. Skipping review or "
                    "posting from personal accounts to avoid it breaks the "
                    "rules rather than fixing the process."
                ),
                "choices": [
                    {
                        "text": "Stop reviewing posts altogether, because speed matters more than compliance.",
                        "correct": False,
                    },
                    {
                        "text": "Set up a dedicated, trained team that works from pre-agreed content types.",
                        "correct": True,
                    },
                    {
                        "text": "Involve legal, regulatory, medical and CSR colleagues early in designing the rules.",
                        "correct": True,
                    },
                    {
                        "text": "Let staff post from personal accounts so that review is not needed.",
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "single",
                "lesson": "guidelines-for-speaking-with-confidence",
                "text": (
                    "Your clinic has never been active online and wants to "
                    "start. Which first step best follows the course's "
                    "guidelines?"
                ),
                "explanation": (
                    "Start small and listen before you speak. Finding out "
                    "where your patients are and what they ask, then "
                    "starting with one thing you can do well, is better "
                    "than opening accounts everywhere or starting with "
                    "advertising."
                ),
                "choices": [
                    {
                        "text": "Open accounts on every major platform on the same day to maximise reach.",
                        "correct": False,
                    },
                    {
                        "text": "Launch a paid advertising campaign to build followers before deciding what to say.",
                        "correct": False,
                    },
                    {
                        "text": "Wait until a full five-year strategy is approved, and do nothing until then.",
                        "correct": False,
                    },
                    {
                        "text": "Listen to where your patients talk and what "
                        "they ask, then start one small, well-run channel "
                        "such as a blog.",
                        "correct": True,
                    },
                ],
            },
            # Lesson 3
            {
                "kind": "single",
                "lesson": "our-code-of-conduct-online",
                "text": (
                    "A patient comments under the hospital's post that she "
                    "has had severe headaches since starting a medicine made "
                    "by your company. She is not sure it is related. What do "
                    "you do?"
                ),
                "explanation": (
                    "Any possible adverse event seen online must be reported "
                    "to pharmacovigilance within the company's timelines, "
                    "even if you are unsure it is related and the details "
                    "are incomplete. Assessing it is the safety team's job."
                ),
                "choices": [
                    {
                        "text": "Delete the comment so other patients are not worried.",
                        "correct": False,
                    },
                    {
                        "text": "Report it to pharmacovigilance within the "
                        "company's timelines, even though it may not be "
                        "related.",
                        "correct": True,
                    },
                    {
                        "text": "Ignore it, because she is not sure the headaches are caused by the medicine.",
                        "correct": False,
                    },
                    {
                        "text": "Reply publicly asking for her age, dose and "
                        "other medicines so you can judge whether it is "
                        "related.",
                        "correct": False,
                    },
                ],
            },
            {
                "kind": "single",
                "lesson": "our-code-of-conduct-online",
                "text": (
                    "Late one evening, someone sends the clinic's page a "
                    'message: "My father has crushing chest pain and is '
                    "sweating. Should he take an aspirin and wait until "
                    'morning?" What is the right response?'
                ),
                "explanation": (
                    "This is a possible emergency. Online channels must never "
                    "handle emergencies or give individual medical advice: "
                    "tell the person to contact emergency services "
                    "immediately, then alert your team."
                ),
                "choices": [
                    {
                        "text": "Advise them on the aspirin dose and suggest he rests until the clinic opens.",
                        "correct": False,
                    },
                    {
                        "text": "Ask a series of questions by message to assess how serious it is.",
                        "correct": False,
                    },
                    {
                        "text": "Reply with a link to the clinic's opening hours.",
                        "correct": False,
                    },
                    {
                        "text": "Tell them to call emergency services immediately, then alert your team.",
                        "correct": True,
                    },
                ],
            },
            {
                "kind": "multiple",
                "lesson": "our-code-of-conduct-online",
                "text": ("Which of these posts would breach our code of conduct? Select all that apply."),
                "explanation": (
                    'A "moving story" with a patient\'s age, town and rare '
                    "condition can identify them even without a name; "
                    "praising your employer's product without saying you "
                    "work there hides a conflict of interest; and suggesting "
                    "a use outside the approved indication is off-label "
                    "promotion. Correcting a false claim with a reliable "
                    "source is exactly what the code asks."
                ),
                "choices": [
                    {
                        "text": "A pharmacist corrects a false claim about a "
                        "vaccine, linking to a public health authority's "
                        "guidance.",
                        "correct": False,
                    },
                    {
                        "text": "A nurse shares an unnamed but detailed story "
                        'about "a 34-year-old from our town with a rare '
                        'condition" admitted yesterday.',
                        "correct": True,
                    },
                    {
                        "text": "A sales representative praises the "
                        "company's product in a patient forum without "
                        "mentioning who they work for.",
                        "correct": True,
                    },
                    {
                        "text": "A medical adviser posts that a medicine "
                        '"also seems to work well" for a condition it is '
                        "not approved for.",
                        "correct": True,
                    },
                ],
            },
            {
                "kind": "true_false",
                "lesson": "our-code-of-conduct-online",
                "text": (
                    "Even when a critical comment under the hospital's post "
                    "seems unfair, it should be answered or escalated to the "
                    "right team rather than left to die down."
                ),
                "explanation": (
                    "True. Criticism is never ignored: it is answered or "
                    "escalated to the right team. One-way communication is "
                    "punished, and silence usually makes criticism grow."
                ),
                "choices": [
                    {"text": "True", "correct": True},
                    {"text": "False", "correct": False},
                ],
            },
            # Lesson 4
            {
                "kind": "single",
                "lesson": "a-surgeons-page-that-became-a-listening-centre",
                "text": (
                    "What made the cosmetic-surgery director's Facebook page succeed where many clinic pages fail?"
                ),
                "explanation": (
                    "The page started small and personal, then grew into a "
                    "staff-run social centre designed for listening rather "
                    "than selling, and what it heard was fed back into the "
                    "clinic's services and information."
                ),
                "choices": [
                    {
                        "text": "It was handed to an advertising agency as soon as it became popular.",
                        "correct": False,
                    },
                    {
                        "text": "It started as one professional answering "
                        "questions and grew into a staff-run centre built "
                        "for listening rather than selling.",
                        "correct": True,
                    },
                    {
                        "text": "It offered discounts to anyone who shared their before-and-after photos.",
                        "correct": False,
                    },
                    {
                        "text": "It gave detailed individual diagnoses to every person who asked.",
                        "correct": False,
                    },
                ],
            },
            # Lesson 5
            {
                "kind": "multiple",
                "lesson": "listening-at-scale-a-command-centre",
                "text": (
                    "Your hospital group wants to build a listening function "
                    "inspired by the computer maker's command centre. Which "
                    "features matter most? Select all that apply."
                ),
                "explanation": (
                    "Listening is a capability you build: dedicated people, "
                    "tools and processes, with each signal routed to the team "
                    "that can act. In healthcare, possible adverse events "
                    "must always reach pharmacovigilance. Collecting data "
                    "nobody acts on, or listening only to praise, defeats "
                    "the purpose."
                ),
                "choices": [
                    {
                        "text": "Routing each signal in real time to the team that can act on it.",
                        "correct": True,
                    },
                    {
                        "text": "A fixed route that sends every possible adverse event to pharmacovigilance.",
                        "correct": True,
                    },
                    {
                        "text": "A monthly report filed for management, with no routing to other teams.",
                        "correct": False,
                    },
                    {
                        "text": "Tracking only positive mentions to use in marketing.",
                        "correct": False,
                    },
                    {
                        "text": "A dedicated team with monitoring tools and clear processes.",
                        "correct": True,
                    },
                ],
            },
            # Lesson 6
            {
                "kind": "single",
                "lesson": "useful-content-finds-its-audience",
                "text": (
                    'A colleague says: "Compliant pharma content is too '
                    'boring; nobody will ever watch it." What does the '
                    "YouTube channel case show?"
                ),
                "explanation": (
                    "The channel's approved, non-promotional disease-awareness "
                    "and patient-education videos passed 300,000 views. "
                    "Usefulness, not promotion, drives reach."
                ),
                "choices": [
                    {
                        "text": "Pharma companies should avoid video platforms entirely.",
                        "correct": False,
                    },
                    {
                        "text": "Useful, approved, non-promotional patient "
                        "education can reach hundreds of thousands of "
                        "people.",
                        "correct": True,
                    },
                    {
                        "text": "Videos only reach large audiences if they promote a specific brand.",
                        "correct": False,
                    },
                    {
                        "text": "Skipping medical and regulatory review is necessary to make videos engaging.",
                        "correct": False,
                    },
                ],
            },
            # Lesson 7
            {
                "kind": "multiple",
                "lesson": "when-clinics-chase-the-news",
                "text": (
                    "A famous singer announces a cancer diagnosis. Your "
                    "clinic's marketing team proposes a post: \"Don't end up "
                    'like her. Book our screening package today, 20% off." '
                    "Why should this not be published? Select all that "
                    "apply."
                ),
                "explanation": (
                    "The post trades on fear and on a person's illness to sell "
                    "a service, which the code forbids. Such posts lose trust "
                    "and can draw complaints to regulators and professional "
                    "bodies. Deleting it later would not undo the "
                    "screenshots. Length is not the problem."
                ),
                "choices": [
                    {
                        "text": "It is likely to damage patients' trust in the clinic.",
                        "correct": True,
                    },
                    {
                        "text": "It may lead to complaints to regulators or professional bodies.",
                        "correct": True,
                    },
                    {
                        "text": "It is too short to perform well on social media.",
                        "correct": False,
                    },
                    {
                        "text": "It trades on fear and on a person's illness to sell a service.",
                        "correct": True,
                    },
                ],
            },
            # Lesson 8
            {
                "kind": "single",
                "lesson": "the-company-that-ignored-its-critics",
                "text": (
                    "Dozens of patients are complaining under your company's "
                    "posts that a product is out of stock and customer "
                    "service does not answer. Some mention new symptoms "
                    "after switching to another product. What is the best "
                    "response?"
                ),
                "explanation": (
                    "Answer or escalate: acknowledge publicly and promise an "
                    "update, route comments to supply and customer service, "
                    "report the symptom mentions to pharmacovigilance, and "
                    "take personal details to a private channel. Silence or "
                    "deleting fair criticism turns a solvable problem into a "
                    "crisis of trust."
                ),
                "choices": [
                    {
                        "text": "Reply to each patient in public with advice on which alternative product to take.",
                        "correct": False,
                    },
                    {
                        "text": "Acknowledge publicly, escalate to the teams "
                        "involved, report the symptoms to pharmacovigilance, "
                        "and follow up with updates.",
                        "correct": True,
                    },
                    {
                        "text": "Keep posting scheduled news and wait for the complaints to stop.",
                        "correct": False,
                    },
                    {
                        "text": "Delete the angriest comments so the page looks calm.",
                        "correct": False,
                    },
                ],
            },
        ],
    },
}
