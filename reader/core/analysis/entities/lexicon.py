"""Word lists the recogniser uses to find and type names it has never seen.

Kept apart from the logic so they can grow without touching it. All entries
are compared in lower case unless a list says otherwise.
"""

from __future__ import annotations

from reader.core.dates import MONTH_NAMES, WEEKDAY_NAMES


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WEEKDAYS = tuple(day.lower() for day in WEEKDAY_NAMES)
MONTHS = tuple(month.lower() for month in MONTH_NAMES)

# Capitalised words that are never an entity on their own: function words
# that open sentences, calendar words, page furniture.
STOPWORDS = _words(
    """
    a an the this that these those there here it its i we you he she they me us him her them
    my our your his their what which who whom whose when where why how whether if then than
    and or but nor so yet for of in on at by to from with without within into onto upon about
    above below after before during since until while as also although though because however
    meanwhile moreover furthermore nevertheless notably still instead indeed thus therefore
    all any both each every few many more most much no none not only other some such same
    one two three four five six seven eight nine ten first second third last next new old
    mr mrs ms dr sir madam
    yes oh ok please thank thanks
    today yesterday tomorrow tonight now later earlier once
    january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun
    spring summer autumn fall winter
    sponsored content advertisement advertising subscribe subscription newsletter
    reference photo photos image video related read more share comment comments reply leave
    click sign log login logout menu search home print email follow next previous
    editor editorial opinion analysis update updated breaking news exclusive
    according said says asked told added noted
    """
)

# Demonyms and nationality adjectives: a title's prefix, never an entity alone.
DEMONYMS = _words(
    """
    japanese russian american chinese korean british french german italian spanish portuguese
    finnish swedish norwegian danish icelandic dutch belgian swiss austrian polish czech slovak
    hungarian romanian bulgarian greek turkish ukrainian belarusian georgian armenian
    azerbaijani kazakh uzbek mongolian indian pakistani afghan iranian iraqi syrian israeli
    palestinian saudi egyptian libyan tunisian moroccan algerian nigerian kenyan ethiopian
    australian canadian mexican brazilian argentine argentinian chilean peruvian
    colombian venezuelan cuban vietnamese thai cambodian laotian burmese malaysian singaporean
    indonesian filipino philippine taiwanese european asian western eastern northern southern
    soviet arab latin irish scottish welsh estonian latvian lithuanian serbian croatian
    bosnian slovenian albanian macedonian qatari emirati omani yemeni jordanian lebanese
    bangladeshi nepalese african roman persian kurdish latino hispanic
    muslim christian jewish hindu sikh buddhist catholic protestant sunni shia shiite
    islamist jihadist
    """
)

# Capitalised words that make up a title before a person's name.
TITLE_WORDS = _words(
    """
    president vice prime minister ministers foreign deputy senior chief cabinet secretary
    general chancellor premier governor gov. mayor ambassador envoy spokesman spokeswoman
    spokesperson speaker chairman chairwoman chair director king queen prince princess
    emperor empress pope mr. mrs. ms. dr. sen. senator rep. representative gen. col. lt.
    adm. admiral lord sir dame sheikh crown leader opposition first lady defense defence
    finance economy trade industry economic interior justice commerce energy state affairs
    home executive parliamentary permanent under assistant acting former then top chief
    press agriculture environment health education labor labour transport culture
    """
)

# Lower-case words right before a name that mark a person: "spokesman Dmitry Peskov".
PERSON_CUES = _words(
    """
    spokesman spokeswoman spokesperson counterpart minister president premier leader
    envoy ambassador negotiator official adviser advisor aide chairman chairwoman ceo
    secretary governor mayor lawmaker senator candidate analyst professor researcher
    correspondent reporter editor director chief economist diplomat general admiral
    colleague successor predecessor rival opponent challenger husband wife son daughter
    mr. ms. mrs. dr.
    """
)

# Verbs right after a name that make a person more likely ("Valtonen said").
PERSON_VERBS = _words(
    "said says told added noted responded replied stressed warned argued insisted wrote "
    "explained recalled asked urged"
)

# Words right before a name that mark a place: "in Hanoi", "visited Canberra".
PLACE_CUES = _words(
    "in at from near to visit visits visited visiting toward towards across outside inside "
    "via capital city port province region town village"
)

# The last word of a name says what it names.
ORG_HEADS = _words(
    """
    ministry department agency bureau office organization organisation council committee
    commission association federation union party bank corp corp. corporation co co. inc
    inc. ltd ltd. llc group company companies holdings university institute college school
    academy foundation fund forum parliament congress senate assembly diet duma court army
    navy force forces police service services news times post press journal review
    herald tribune gazette network broadcasting television radio airlines airways
    railways motors industries trust authority board club society alliance coalition
    movement front league network bloc kremlin
    """
)
# Last words of newspapers' and football clubs' names ("Hartford Courant", "West Ham
# United"); alone they are names too ("the Telegraph"), so they are not heads above.
MASTHEADS = _words(
    """
    courant chronicle observer examiner inquirer sentinel telegraph bulletin
    united hotspur athletic rovers wanderers albion fc
    """
)
# Designators and trade words that end company names ("Acme Robotics Inc.",
# "Halden Pictures"): the standard forms, not a list of companies.
CORPORATE_HEADS = _words(
    """
    inc inc. corp corp. co co. ltd ltd. llc llp plc gmbh ag nv bv spa sarl pty
    holdings group systems technologies technology labs laboratories enterprises partners
    ventures capital communications media productions studios pictures records
    entertainment pharmaceuticals pharma therapeutics biosciences biotech electronics
    aerospace dynamics solutions software networks logistics securities bancorp insurance
    resources petroleum mining chemicals foods brands robotics semiconductor motors
    investment investments management financial
    """
)
ORG_HEADS = ORG_HEADS | CORPORATE_HEADS
PLACE_HEADS = _words(
    """
    island islands islet islets isle strait straits sea ocean gulf bay river lake mountain
    mountains mount peninsula prefecture province state county district region city town
    village street avenue square airport port harbor harbour canal valley desert coast
    territory territories republic kingdom emirates peninsula cape park plaza palace
    terminal
    """
)
EVENT_HEADS = _words(
    "summit conference war games olympics cup festival crisis forum talks election elections "
    "revolution invasion expo championship championships meeting dialogue "
    "awards show finals induction ceremony marathon tournament gala prix derby parade"
)
DOCUMENT_HEADS = _words(
    "treaty declaration accord accords agreement act charter protocol convention pact "
    "communique communiqué memorandum constitution resolution statement"
)

# Holidays and feast days: dates of the calendar, not people, places or bodies.
HOLIDAYS = _words(
    """
    easter christmas thanksgiving halloween hanukkah hanukah chanukah passover ramadan eid
    diwali lent advent pentecost whitsun epiphany kwanzaa purim navratri holi vesak
    """
)
# First words of a "... Day" that is a holiday ("Labor Day", "Boxing Day").
HOLIDAY_DAYS = _words(
    """
    labor labour memorial veterans veterans' independence boxing remembrance armistice
    election inauguration christmas valentine presidents presidents' victory unity
    national world international new year anzac australia canada bastille
    """
)

# Words after which "of" may continue a name: "Sea of Azov", "Bank of Finland".
OF_HEADS = (
    ORG_HEADS
    | PLACE_HEADS
    | EVENT_HEADS
    | DOCUMENT_HEADS
    | _words("minister secretary president governor mayor ministry museum battle statue gulf")
)

# Acronyms that name no entity: common nouns, units and currencies.
ACRONYM_STOPWORDS = _words(
    """
    lng gdp ceo cfo coo cto cio tv am pm ok usd eur jpy rub gbp cny ap faq pdf ipo etf
    vip suv atm dna gps pc ai ev hiv mph kph pct yoy qoq eps esg diy tba tbd rsvp
    kw mw gw tw kwh mwh gwh twh
    gmt utc bst est edt cst cdt pst pdt cet cest jst ist aest
    cpu gpu ram ssd usb api url html css sdk ui ux vr ar os q&a
    phd ph.d dphil mba mph msc bsc llb
    """
)

# Common English given names, in lower case: a name that opens with one is as good as
# a person's, whatever the model made of it. Left out: given names that are as often
# a place, a company, a title or a common word (Charlotte, Florence, Austin, Madison,
# Jordan, Troy, Chad, Ann, Beverly, Morgan, Earl, Will, Mark, Grace, Rose, Sue, Max).
GIVEN_NAMES = _words(
    """
    aaron abigail adam adrian agnes aidan alan albert alex alexander alexandra alfred
    alice alicia alison allison amanda amber amelia amy andrea andrew andy angela angus
    anna anne annie anthony antonio arthur ashley audrey barbara barry ben benjamin
    bernard beth betsy betty bobby brad bradley brandon brenda brian bridget brittany
    bruce bryan caleb cameron candace carl carla carlos carmen carol caroline carolyn
    carrie casey catherine cathy cecilia charles charlie cheryl chloe chris christina
    christine christopher chuck cindy claire clara clarence claude claudia colin connor
    courtney craig crystal cynthia dana daniel danielle darren dave david deborah debra
    denise dennis derek derrick diana diane diego donald donna doris dorothy doug
    douglas duncan dylan eddie edith edward edwin elaine eleanor elena eli elijah
    elizabeth ella ellen emily emma eric erica erik erin ernest esther ethan ethel eva
    evan evelyn fernando fiona frances francis frank fred gabriel gail gary gavin george
    gerald gina glenn gloria gordon graham greg gregory gwen hank hannah harold harry
    harvey hayley heather heidi helen henry herbert holly howard hugh ian irene isaac
    isabel isabella jack jackie jacob jake james jamie jane janet janice jared jason
    jeff jeffrey jennifer jenny jeremy jerry jesse jessica jill jim jimmy joan joanna
    joanne joe joel joey john johnny jonathan jose joseph josephine joshua joyce juan
    judith judy julia julian julie juliet justin karen karl kate katherine kathleen
    kathryn kathy katie keith kelly ken kenneth kenny kevin kimberly kristen kurt kyle
    larry laura lauren laurie lawrence leah leon leonard leslie lewis lily linda lindsay
    lisa lloyd logan lorraine louis louise luca lucas lucy luis luke lynn maggie mandy
    marcus margaret margo maria marie marilyn mario marjorie marsha martha martin marvin
    mary matt matthew maureen maxine megan melanie melissa melvin meredith michael
    michelle miguel mike miriam molly monica nancy natalie nate nathan neil nicholas
    nicole nina noah norman oliver olivia owen pamela patricia patrick paul paula pedro
    percy peter phil philip phillip priscilla rachel ralph randy raymond rebecca richard
    rita robert rodney roger ron ronald ronnie roy russell ruth ryan sally sam samantha
    samuel sandra sara sarah scott sean shane sharon shawn sheila shirley simon sophia
    sophie stacy stanley stephanie stephen steve steven stuart susan sylvia ted teresa
    terry theresa thomas tim timothy tina toby todd tom tommy tony tracy travis trevor
    tyler vanessa vera vernon vicky victor vincent walter wayne wendy wesley william
    willie yvonne zachary
    """
)
