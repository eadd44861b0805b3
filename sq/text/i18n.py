"""Interface texts in Dutch (first) and English, declared as data."""

from __future__ import annotations

from typing import Final

LANGUAGES: Final = ("nl", "en")

TEXTS: Final[dict[str, tuple[str, str]]] = {
    "app.title": ("Sociale Basis", "Social Base"),
    "app.tagline": (
        "Hoe sterk is de sociale basis van uw gemeente, dorp, wijk of buurt?",
        "How strong is the social base of your municipality, village or neighbourhood?",
    ),
    "app.language": ("Taal / language", "Taal / language"),
    "app.start_note": (
        "Cijfers zijn een begin van het gesprek, geen oordeel. Bewoners vullen ze aan met hun"
        " verhalen.",
        "Figures start a conversation; they are no verdict. Residents complete them with their"
        " stories.",
    ),
    "app.store_missing": (
        "De gegevens zijn nog niet klaargezet. De beheerder bouwt ze eenmalig (ongeveer een"
        " minuut) met het commando hieronder, of start de dienst met `bash scripts/serve.sh`,"
        " dat dit zelf doet. Laad daarna deze pagina opnieuw.",
        "The data has not been prepared yet. The administrator builds it once (about a minute)"
        " with the command below, or starts the service with `bash scripts/serve.sh`, which"
        " does so itself. Then reload this page.",
    ),
    "address.unknown": (
        "Het openbare adres van dit dashboard is onbekend, daarom staat hier geen QR-code. De"
        " beheerder stelt SQ_PUBLIC_URL in (bijvoorbeeld https://socialebasis.gemeente.nl).",
        "The public address of this dashboard is unknown, so there is no QR code here. The"
        " administrator sets SQ_PUBLIC_URL (for example https://socialebasis.example.org).",
    ),
    "app.store_error": (
        "De gegevens konden niet worden geladen: {error}",
        "The data could not be loaded: {error}",
    ),
    "address.qr_alt": ("QR-code naar {url}", "QR code to {url}"),
    "nav.map": ("Kaart", "Map"),
    "nav.profile": ("Gebiedsprofiel", "Area profile"),
    "nav.trends": ("Trends", "Trends"),
    "nav.compare": ("Vergelijken", "Compare"),
    "nav.meeting": ("Gesprek", "Meeting mode"),
    "nav.about": ("Over de cijfers", "About the figures"),
    "nav.remarks": ("Wat zeggen bewoners?", "What do residents say?"),
    "remarks.none": (
        "Nog geen opmerkingen vastgelegd voor dit gebied.",
        "No remarks recorded for this area yet.",
    ),
    "remarks.read_only": (
        "Alleen begeleiders van een bijeenkomst kunnen opmerkingen vastleggen.",
        "Only meeting facilitators can record remarks.",
    ),
    "remarks.unavailable": (
        "Opmerkingen van bewoners zijn nu niet beschikbaar. De cijfers op deze pagina kloppen wel.",
        "Residents' remarks are unavailable right now. The figures on this page are fine.",
    ),
    "remarks.unavailable_save": (
        "Opslaan lukte niet: de opmerkingen zijn nu niet bereikbaar. Uw tekst staat nog in het"
        " formulier; probeer het zo opnieuw.",
        "Saving failed: remarks cannot be reached right now. Your text is still in the form;"
        " try again shortly.",
    ),
    "remarks.login_title": ("Inloggen voor begeleiders", "Facilitator login"),
    "remarks.account": ("Accountnaam", "Account name"),
    "remarks.passphrase": ("Wachtwoord", "Passphrase"),
    "remarks.login": ("Inloggen", "Log in"),
    "remarks.logout": ("Uitloggen", "Log out"),
    "remarks.logged_in": ("Ingelogd als {name}.", "Logged in as {name}."),
    "remarks.wrong": (
        "Accountnaam of wachtwoord klopt niet.",
        "Account name or passphrase is not right.",
    ),
    "remarks.empty": ("Vul uw wachtwoord in.", "Fill in your passphrase."),
    "remarks.too_long": (
        "Dit wachtwoord is te lang; een wachtwoord heeft hoogstens {n} tekens.",
        "This passphrase is too long; a passphrase has at most {n} characters.",
    ),
    "remarks.locked": (
        "Te vaak een verkeerd wachtwoord. Probeer het over {seconds} seconden opnieuw.",
        "Too many wrong tries. Try again in {seconds} seconds.",
    ),
    "remarks.form_title": ("Opmerking vastleggen", "Record a remark"),
    "remarks.condition": ("Voorwaarde", "Condition"),
    "remarks.meeting": ("Bijeenkomst", "Meeting"),
    "remarks.date": ("Datum", "Date"),
    "remarks.text": (
        "Wat zeiden bewoners? (geen namen of andere persoonsgegevens)",
        "What did residents say? (no names or other personal data)",
    ),
    "remarks.save": ("Opslaan", "Save"),
    "remarks.saved": ("Opgeslagen.", "Saved."),
    "remarks.manage_title": ("Opmerkingen corrigeren of intrekken", "Correct or withdraw remarks"),
    "remarks.choose": ("Kies een opmerking", "Choose a remark"),
    "remarks.new_text": ("Verbeterde tekst", "Corrected text"),
    "remarks.correct": ("Corrigeren", "Correct"),
    "remarks.withdraw": ("Intrekken", "Withdraw"),
    "remarks.corrected": (
        "Gecorrigeerd. De oude versie is bewaard voor de verantwoording en niet meer zichtbaar.",
        "Corrected. The old version is kept for the record and no longer shown.",
    ),
    "remarks.withdrawn": (
        "Ingetrokken. De opmerking is bewaard voor de verantwoording en niet meer zichtbaar.",
        "Withdrawn. The remark is kept for the record and no longer shown.",
    ),
    "remarks.download": (
        "Download alle opmerkingen met auteur en status (CSV)",
        "Download all remarks with author and status (CSV)",
    ),
    "search.label": (
        "Zoek uw gemeente, dorp, wijk of buurt",
        "Find your municipality, village or area",
    ),
    "search.placeholder": ("Typ een deel van de naam, bijv. Akkrum", "Type part of a name"),
    "search.none": ("Geen gebied gevonden met '{query}'.", "No area found for '{query}'."),
    "search.choose": ("Kies een gebied", "Choose an area"),
    "level.land": ("Nederland", "Netherlands"),
    "level.provincie": ("provincie", "province"),
    "level.gemeente": ("gemeente", "municipality"),
    "level.wijk": ("wijk of dorp", "district or village"),
    "level.dorp": ("dorp", "village"),
    "level.buurt": ("buurt", "neighbourhood"),
    "map.indicator": ("Indicator", "Indicator"),
    "map.year": ("Jaar", "Year"),
    "map.level": ("Niveau", "Level"),
    "map.scope": ("Gebied op de kaart", "Area shown"),
    "map.scope_nl": ("Heel Nederland", "All of the Netherlands"),
    "map.no_geometry": (
        "Voor {level} in {year} zijn er (nog) geen grenzen in de gegevens: geen kaart"
        " beschikbaar. De tabel hieronder toont wel de cijfers.",
        "There are no boundaries for {level} in {year} yet: no map available. The table below"
        " shows the figures.",
    ),
    "map.no_data": (
        "Voor deze keuze zijn nog geen gegevens: {title}.",
        "There are no figures for this choice yet: {title}.",
    ),
    "map.missing_count": (
        "{n} gebieden zonder cijfer (geen gegevens) zijn grijs gearceerd.",
        "{n} areas without a figure (no data) are grey.",
    ),
    "map.not_on_map": (
        "{n} gebieden met een cijfer staan niet op deze kaart (andere gebiedsindeling); ze staan"
        " wel in de tabel.",
        "{n} areas with a figure are not on this map (different boundaries); they are in the"
        " table.",
    ),
    "map.selected": ("Gekozen: {name}", "Selected: {name}"),
    "map.open_profile": ("Bekijk het profiel van {name}", "Open the profile of {name}"),
    "map.table_title": ("De cijfers van de kaart", "The figures on the map"),
    "map.download": ("Download deze tabel (CSV)", "Download this table (CSV)"),
    "map.label": ("Kaart: {title}", "Map: {title}"),
    "map.failed": ("De kaart kon niet worden geladen", "The map could not be loaded"),
    "map.table_caption": (
        "{title}, {year}. Klik op een kolomkop om te sorteren.",
        "{title}, {year}. Click a column header to sort.",
    ),
    "map.click_hint": (
        "Klik op een gebied op de kaart om het te kiezen.",
        "Click an area on the map to select it.",
    ),
    "table.area": ("Gebied", "Area"),
    "table.code": ("Code", "Code"),
    "table.value": ("Waarde", "Value"),
    "table.nl": ("Nederland", "Netherlands"),
    "table.year": ("Jaar", "Year"),
    "table.note": ("Toelichting", "Note"),
    "table.indicator": ("Indicator", "Indicator"),
    "table.condition": ("Conditie", "Condition"),
    "table.unit": ("Eenheid", "Unit"),
    "table.source": ("Bron", "Source"),
    "table.levels": ("Niveaus", "Levels"),
    "table.years": ("Jaren", "Years"),
    "table.verdict": ("Vergeleken met Nederland", "Compared with the Netherlands"),
    "table.gemeente": ("Gemeente", "Municipality"),
    "value.missing": ("geen gegevens", "no data"),
    "value.not_yet": ("nog geen gegevens", "no data yet"),
    "coverage.larger_gemeenten": (
        "niet voor dit gebied: de bron heeft alleen Nederland, provincies en grotere gemeenten",
        "not for this area: the source covers only the Netherlands, provinces and larger"
        " municipalities",
    ),
    "badge.estimate": ("schatting", "estimate"),
    "badge.computed": ("berekend", "computed"),
    "badge.year_uncertain": ("jaar onzeker", "year uncertain"),
    "profile.what_stands_out": ("Wat valt op", "What stands out"),
    "profile.serves": ("dient: {value}", "serves: {value}"),
    "profile.questions": ("Vragen voor het gesprek", "Questions for the conversation"),
    "profile.download_pdf": ("Download het profiel (PDF)", "Download the profile (PDF)"),
    "profile.tolerance": ("Hoe we vergelijken", "How we compare"),
    "profile.choose_area": ("Kies een gebied om het profiel te zien.", "Choose an area."),
    "trends.indicators": ("Indicatoren", "Indicators"),
    "trends.boundary_note": (
        "Een stippellijn markeert een grenswijziging: de lijn loopt daar niet door, omdat het"
        " gebied ervoor en erna niet hetzelfde is.",
        "A dashed line marks a boundary change: the line breaks there, because the area before"
        " and after is not the same.",
    ),
    "table.year_edition": ("{year} (Kerncijfers {edition})", "{year} (Kerncijfers {edition})"),
    "trends.mark_definition": ("Definitie gewijzigd", "Definition changed"),
    "trends.mark_source": ("Andere bron", "Other source"),
    "trends.definition_detail": (
        'Vanaf {year} meet de bron dit anders. CBS schrijft: "{reason}" Daarom is de lijn '
        "hier onderbroken: vergelijk de jaren voor en na {year} niet met elkaar.",
        "From {year} on the source measures this differently. CBS writes (in Dutch): "
        '"{reason}" That is why the line breaks here: do not compare the years before and '
        "after {year}.",
    ),
    "trends.source_detail": (
        "Tot en met {before} komen de cijfers uit {old}, vanaf {after} uit {new}. Twee bronnen "
        "tellen niet altijd hetzelfde. Daarom is de lijn hier onderbroken.",
        "Up to {before} the figures come from {old}, from {after} on from {new}. Two sources do "
        "not always count the same way. That is why the line breaks here.",
    ),
    "trends.no_data": ("Voor deze indicator zijn geen cijfers over de jaren.", "No figures."),
    "compare.areas": ("Gebieden (2 tot 4)", "Areas (2 to 4)"),
    "compare.need_two": ("Kies minstens twee gebieden.", "Choose at least two areas."),
    "about.title": ("Over de cijfers", "About the figures"),
    "notice.prefix": ("Let op: ", "Note: "),
    "download.png": ("Download als afbeelding (PNG)", "Download as image (PNG)"),
    "download.csv": ("Download als tabel (CSV)", "Download as table (CSV)"),
    "source": ("Bron", "Source"),
    "boundary.and": (" en ", " and "),
    "boundary.whole": ("de voormalige gemeente {name}", "the former municipality of {name}"),
    "boundary.part": (
        "een deel van de voormalige gemeente {name}",
        "part of the former municipality of {name}",
    ),
    "boundary.took": (
        "Tussen {a} en {b} is {parts} bij {name} gekomen.",
        "Between {a} and {b}, {parts} became part of {name}.",
    ),
    "boundary.took_many": (
        "Tussen {a} en {b} zijn {parts} bij {name} gekomen.",
        "Between {a} and {b}, {parts} became part of {name}.",
    ),
    "boundary.moved": (
        "Tussen {a} en {b} is de grens tussen {name} en {others} verlegd.",
        "Between {a} and {b}, the border between {name} and {others} was moved.",
    ),
    "boundary.times": (
        "{name} is daardoor ongeveer {times} keer zo groot geworden.",
        "{name} has become about {times} times as large.",
    ),
    "boundary.larger": (
        "{name} is daardoor ongeveer {percent}% groter geworden.",
        "{name} has become about {percent}% larger.",
    ),
    "boundary.smaller": (
        "{name} is daardoor ongeveer {percent}% kleiner geworden.",
        "{name} has become about {percent}% smaller.",
    ),
    "boundary.line_smaller": (
        "Cijfers van {a} en eerder gaan over een kleiner gebied. Daarom loopt de lijn in de"
        " grafiek tussen {a} en {b} niet door.",
        "Figures from {a} and earlier are about a smaller area. That is why the line in the"
        " chart breaks between {a} and {b}.",
    ),
    "boundary.line_larger": (
        "Cijfers van {a} en eerder gaan over een groter gebied. Daarom loopt de lijn in de"
        " grafiek tussen {a} en {b} niet door.",
        "Figures from {a} and earlier are about a larger area. That is why the line in the"
        " chart breaks between {a} and {b}.",
    ),
    "boundary.gone": (
        "Tussen {a} en {b} is de gemeente {name} opgeheven.",
        "Between {a} and {b}, the municipality of {name} was dissolved.",
    ),
    "boundary.gone_into": (
        "Het gebied hoort nu bij {into}.",
        "Its area is now part of {into}.",
    ),
    "boundary.line_gone": (
        "Daarom zijn er na {a} geen nieuwe cijfers voor {name}.",
        "That is why there are no new figures for {name} after {a}.",
    ),
    "boundary.new": (
        "Tussen {a} en {b} is de gemeente {name} ontstaan.",
        "Between {a} and {b}, the municipality of {name} was formed.",
    ),
    "boundary.new_from": ("Daarin is {parts} opgegaan.", "It took in {parts}."),
    "boundary.new_from_many": ("Daarin zijn {parts} opgegaan.", "It took in {parts}."),
    "boundary.line_new": (
        "Daarom zijn er pas vanaf {b} cijfers voor {name}.",
        "That is why the figures for {name} start in {b}.",
    ),
    "peers.members.gemeente.nl": ("{n} vergelijkbare gemeenten", "{n} similar municipalities"),
    "peers.members.wijk.nl": (
        "{n} vergelijkbare wijken in Nederland",
        "{n} similar districts in the Netherlands",
    ),
    "peers.members.wijk.gemeente": (
        "{n} vergelijkbare wijken in de gemeente",
        "{n} similar districts in the municipality",
    ),
    "peers.urbanity.1": ("zeer sterk stedelijk", "very highly urbanised"),
    "peers.urbanity.2": ("sterk stedelijk", "highly urbanised"),
    "peers.urbanity.3": ("matig stedelijk", "moderately urbanised"),
    "peers.urbanity.4": ("weinig stedelijk", "hardly urbanised"),
    "peers.urbanity.5": ("niet stedelijk", "not urbanised"),
    "peers.band.range": ("{low} tot {high} inwoners", "{low} to {high} inhabitants"),
    "peers.band.bottom": ("minder dan {high} inwoners", "fewer than {high} inhabitants"),
    "peers.band.top": ("{low} inwoners of meer", "{low} inhabitants or more"),
    "peers.compared_with": ("vergeleken met {group}", "compared with {group}"),
    "peers.column": ("Vergelijkbare gebieden", "Similar areas"),
    "peers.none": (
        "Voor dit gebied is geen groep vergelijkbare gebieden bekend.",
        "No group of similar areas is known for this area.",
    ),
    "peers.highlight": (
        "{title}: {verdict} dan bij {group} ({value} tegen {peer}).",
        "{title}: {verdict} than in {group} ({value} against {peer}).",
    ),
    "about.peers.title": ("Vergelijkbare gebieden", "Similar areas"),
    "about.peers.what": (
        "Een klein dorp of een stad lijkt niet altijd op 'heel Nederland'. Daarom vergelijken we"
        " een gebied ook met gebieden die erop lijken: even stedelijk, en bij gemeenten ook"
        " ongeveer even groot. Stedelijkheid is de 'mate van stedelijkheid' van het CBS: hoeveel"
        " adressen er rond een adres liggen, van zeer sterk stedelijk tot niet stedelijk.",
        "A small village or a city does not always look like 'the whole of the Netherlands'."
        " So we also compare an area with areas like it: equally urban, and for municipalities"
        " about the same size. Urbanisation is Statistics Netherlands' degree of urbanisation:"
        " how many addresses surround an address, from very highly to not urbanised.",
    ),
    "about.peers.gemeente": (
        "Een gemeente wordt vergeleken met gemeenten met dezelfde stedelijkheid en ongeveer"
        " evenveel inwoners ({bands}). Zijn dat er minder dan {min}, dan tellen alle gemeenten"
        " met dezelfde stedelijkheid mee.",
        "A municipality is compared with municipalities of the same degree of urbanisation and"
        " about as many inhabitants ({bands}). When fewer than {min} municipalities share both,"
        " all municipalities of the same degree count.",
    ),
    "about.peers.wijk": (
        "Een wijk of dorp wordt vergeleken met alle wijken in Nederland met dezelfde"
        " stedelijkheid, en met de wijken van dezelfde stedelijkheid in de eigen gemeente"
        " (als dat er minstens {min} zijn).",
        "A district or village is compared with all districts in the Netherlands of the same"
        " degree of urbanisation, and with those in its own municipality (when there are at"
        " least {min}).",
    ),
    "about.peers.weighting": (
        "Het cijfer van de groep is berekend zoals dat van Nederland: gewogen naar het aantal"
        " inwoners (bij cijfers per inwoner is dat het totaal aantal gedeeld door het totaal"
        " aantal inwoners). Het gebied zelf telt mee. We tonen het alleen als minstens"
        " {coverage} van de gebieden in de groep een cijfer heeft.",
        "The group's figure is computed like the Netherlands': weighted by inhabitants (for"
        " figures per inhabitant: the total count divided by the total inhabitants). The area"
        " itself counts. It is shown only when at least {coverage} of the group has a figure.",
    ),
    "about.peers.year": (
        "Welke gebieden bij elkaar horen, volgt uit de gemeenten en wijken van {year} (CBS,"
        " met hun stedelijkheid). Gebieden die later zijn ontstaan, hebben nog geen groep. De"
        " groepen staan los van Nederland en de provincie en worden er nooit mee gemengd.",
        "Which areas belong together follows from the municipalities and districts of {year}"
        " (CBS, with their urbanisation). Areas created later have no group yet. The groups"
        " are kept apart from the Netherlands and the province and never mixed with them.",
    ),
    "own.title": ("Eigen gegevens", "Own figures"),
    "own.marked": (
        "Eigen gegevens: door een begeleider ingelezen, niet van CBS of RIVM, en nooit"
        " meegeteld in Nederland, de provincie of vergelijkbare gebieden.",
        "Own figures: uploaded by a facilitator, not from CBS or RIVM, and never counted in"
        " the Netherlands, the province or similar areas.",
    ),
    "own.source": ("Bron (eigen gegevens)", "Source (own figures)"),
    "own.upload_title": ("Eigen gegevens inlezen", "Upload own figures"),
    "own.upload_help": (
        "Bijvoorbeeld de cijfers van een dorpsenquête. Gebruik het sjabloon: CSV (ook zoals"
        " Excel het opslaat, met ; en komma's) of Excel (.xlsx), hoogstens {mb} MB en 5.000"
        " regels. Pas als het hele bestand klopt, wordt het opgeslagen.",
        "For example a village survey. Use the template: CSV (as Dutch Excel saves it too) or"
        " Excel (.xlsx), at most {mb} MB and 5,000 rows. Only a file without any problem is"
        " stored.",
    ),
    "own.template_csv": ("Sjabloon downloaden (CSV)", "Download template (CSV)"),
    "own.template_xlsx": ("Sjabloon downloaden (Excel)", "Download template (Excel)"),
    "own.file": ("Bestand met eigen gegevens", "File with own figures"),
    "own.submit": ("Controleren en opslaan", "Check and save"),
    "own.refused": ("Het bestand is niet ingelezen:", "The file was not read:"),
    "own.errors": (
        "Er is niets opgeslagen: het bestand heeft {n} probleem/problemen. Verbeter ze en lees"
        " het bestand opnieuw in.",
        "Nothing was stored: the file has {n} problem(s). Fix them and upload again.",
    ),
    "own.problem": ("Probleem", "Problem"),
    "own.saved": ("{n} eigen cijfers opgeslagen.", "{n} own figures stored."),
    "own.delete": ("Verwijder eigen gegevens: {source}", "Delete own figures: {source}"),
    "own.export": ("Download eigen gegevens (CSV)", "Download own figures (CSV)"),
    "compare.peer_column": ("{area}: vergelijkbare gebieden", "{area}: similar areas"),
    "peers.pdf": ("vergelijkbare gebieden: {value}", "similar areas: {value}"),
    "peers.verdict_column": ("Oordeel t.o.v. vergelijkbare", "Verdict against similar"),
    "peers.basis": (
        "Het oordeel vergelijkt met Nederland. De kolom 'Vergelijkbare gebieden': {basis}.",
        "The verdict compares with the Netherlands. The column 'Similar areas': {basis}.",
    ),
}


def t(key: str, language: str = "nl", **values: object) -> str:
    """Return the interface text for key in the language, with values filled in."""
    nl, en = TEXTS[key]
    text = en if language == "en" else nl
    return text.format(**values) if values else text
