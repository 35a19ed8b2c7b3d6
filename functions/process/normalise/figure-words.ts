/**
 * The words that say what a figure measures and for when, per language family. Token families
 * match words by prefix on their folded keys (classify/fold.ts): Kazakh phrases are written once
 * in Cyrillic and match Latin and Arabic script too, Uzbek likewise. Chinese phrases match as
 * substrings. A word written with a final "=" matches only as it stands, with no ending: folded,
 * Kazakh «биыл» (this year) is the stem of «білім» and «білдірді».
 */
import type { FigureMetric } from '../../../schemas/article.ts';
import type { Family } from '../classify/fold.ts';

/** Metrics a money or count figure can be named by (growth and share are what percentages say). */
export type NamedMetric = Exclude<FigureMetric, 'growth' | 'share' | 'other' | 'volume'>;

export interface FigureWords {
  readonly metrics: Readonly<Record<NamedMetric, readonly string[]>>;
  /** Words that begin like a metric's but name an actor, not a flow: "exporters", «экспортчилар». */
  readonly notMetric: readonly string[];
  /** Money that is none of those: a budget allocation, a subsidy, a price, a fee. */
  readonly otherMoney: readonly string[];
  /** Money earned by a service, not goods: transit revenue, transit fees (metric other, yet of the period, like a flow). */
  readonly service: readonly string[];
  /** A percentage near these is a change of something... */
  readonly growth: readonly string[];
  /** ...a fall, when these say so... */
  readonly fall: readonly string[];
  /** ...or a part of a whole. */
  readonly share: readonly string[];
  readonly thisYear: readonly string[];
  readonly lastYear: readonly string[];
  readonly nextYear: readonly string[];
  /** "The full year", «жыл бойғы»: the whole year of the period last stated. */
  readonly wholeYear: readonly string[];
  readonly firstHalf: readonly string[];
  readonly secondHalf: readonly string[];
  /** "month(s)", after a count: "за 9 месяцев", "тоғыз айда". */
  readonly months: readonly string[];
  readonly quarter: readonly string[];
  /** "Last month": the month before publication. */
  readonly lastMonth: readonly string[];
  /** "A year earlier", «годом ранее»: the year before the one last stated. */
  readonly yearBefore: readonly string[];
  /**
   * "Separately", "plans to", "in the coming years" (a horizon with no year): a sentence about something else, which takes no
   * period from the ones before.
   */
  readonly newTopic: readonly string[];
  /**
   * A target, plan, forecast or expectation ("plans to", "is expected to", "to bring to", «планируется», «көзделуде», 预计): a
   * figure with one in its clause is not yet real (planned).
   */
  readonly prospect: readonly string[];
  /**
   * A rate per day, month or year ("a day", «в сутки», «тәулігіне», «жыл сайын»): a figure with one in its clause has no
   * period but one stated in that clause (a target's year); not an average over a stated period (日均).
   */
  readonly rate: readonly string[];
  /**
   * A stock, a facility or a deal, not a flow of a period: accumulated investment, the investment a country "has put" into
   * another («салған инвестициясы»), a credit line, what an agreement signed provides for. A sentence naming one takes no
   * period from the sentences before (its own still dates it: «былтыр салған инвестициясы»).
   */
  readonly standing: readonly string[];
  /** "In this period", «за этот период», «мазкур даврда»: the period last stated. */
  readonly samePeriod: readonly string[];
  /** "This figure", «этот показатель», «бу кўрсаткич»: the quantity last stated. */
  readonly sameQuantity: readonly string[];
  /** "For these purposes", «на эти цели», «осы мақсатқа»: money given for what the sentence before named. */
  readonly samePurpose: readonly string[];
  /** "Including", «в том числе», «оның ішінде»: a part of the sum stated before. */
  readonly including: readonly string[];
  /** Number words one to twelve, in order (several forms each, comma-separated). */
  readonly numbers: readonly string[];
}

const EN: FigureWords = {
  metrics: {
    'trade-turnover': ['trade turnover', 'turnover', 'trade', 'bilateral trade', 'mutual trade', 'trade between', 'trade volume', 'volume of trade', 'trade reached', 'trade amounted', 'trade stood', 'trade grew', 'trade rose', 'trade totalled', 'trade totaled', 'goods exchanged', 'exchange of goods'],
    // Selling and buying name the flow too: "sales to Kazakhstan", "bought Kazakh goods".
    // An actor with its verb: what exporters earned, importers paid.
    exports: ['exporter received', 'exporter earn', 'export', 'exported', 'shipments', 'shipped', 'supplies', 'supplied', 'sold', 'sales', 'deliveries', 'delivered'],
    imports: ['importer paid', 'importer spent', 'importer pay', 'import', 'imported', 'purchases', 'purchased', 'bought'],
    investment: ['invest', 'investment', 'investments', 'inflow', 'FDI'],
    loans: ['loan', 'credit', 'financing', 'lend', 'lending', 'borrow'],
    grants: ['grant', 'aid', 'assistance', 'donat'],
    'project-value': ['worth', 'valued', 'cost', 'project', 'contract', 'deal', 'agreements', 'agreement', 'portfolio', 'package', 'plant', 'factory', 'complex', 'facility', 'terminal'],
  },
  notMetric: ['exporter', 'importer', 'projected', 'projection'],
  service: ['transit revenue', 'transit income', 'transit fees', 'revenue from transit', 'income from transit'],
  // A balance (surplus, deficit) is no turnover, though trade names it.
  otherMoney: ['allocated', 'allocate', 'budget', 'subsid', 'price', 'fee', 'GDP', 'surplus', 'deficit', 'trade balance', 'balance of trade'],
  growth: ['increase', 'increased', 'rose', 'risen', 'grow=', 'grows=', 'grew', 'grown', 'fallen', 'growth', 'growing', 'up', 'down', 'decline', 'declined', 'fell', 'drop', 'dropped', 'higher', 'lower', 'year-on-year', 'more than', 'less than', 'jump', 'surge', 'rise', 'decrease',
    'climb', 'gain', 'expand', 'soar', 'edged', 'slip', 'dip', 'plunge', 'contracted', 'contraction', 'shrank', 'slump', 'tumble', 'plummet', 'rebound', 'above', 'below'],
  fall: ['decline', 'declined', 'decrease', 'fell', 'fall', 'drop', 'dropped', 'down', 'lower', 'shrank', 'less than', 'slip', 'dip', 'plunge', 'contracted', 'contraction', 'slump', 'tumble', 'plummet', 'below'],
  share: ['share', 'accounts for', 'accounted for', 'account for', 'of the total', 'of all', 'of its', 'make up', 'making up', 'makes up', 'made up', 'take up', 'takes up', 'taking up', 'took up', 'taken up', 'representing'],
  thisYear: ['this year', 'current year', 'year to date', 'end of the year', 'year-end'],
  lastYear: ['last year', 'previous year', 'past year'],
  nextYear: ['next year'],
  wholeYear: ['full year', 'full-year', 'whole year', 'the entire year'],
  firstHalf: ['first half', 'first six months'],
  secondHalf: ['second half'],
  months: ['month', 'months'],
  quarter: ['quarter'],
  lastMonth: ['last month', 'previous month'],
  yearBefore: ['a year earlier', 'a year before', 'year earlier'],
  rate: ['a day', 'per day', 'daily', 'per year', 'per annum', 'annually', 'per month', 'monthly', 'every year', 'each year'],
  standing: ['accumulated', 'cumulative', 'to date', 'credit line', 'signed'],
  newTopic: ['separately', 'besides', 'in addition', 'will', 'plans', 'planned', 'planning', 'is preparing', 'intend', 'plan to', 'agreed to', 'aim', 'target', 'goal', 'seek', 'capacity', 'per year', 'annual', 'annually', 'now', 'currently', 'at present', 'coming years', 'next few years', 'years ahead', 'near future', 'in the future'],
  prospect: ['will=', 'would=', 'plan=', 'plans=', 'planned', 'planning', 'intend', 'aim', 'target', 'goal', 'seek', 'expects', 'expect=', 'expected to', 'forecast', 'projected', 'projection', 'envisag', 'potential',
    // Not "than expected", "bringing the total to", "areas to": whole words only where a prefix would catch another word.
    'to bring', 'is= to=', 'are= to=', 'set= to=', 'scheduled', 'propos', 'to build', 'to be built', 'preparing',
    // A possibility is not yet real either; not "may" alone, which a month's name folds to.
    'may reach', 'may exceed', 'could=', 'might='],
  samePeriod: ['this period', 'that period', 'the same period', 'over the period', 'during the period', 'the reporting period', 'that month', 'the same month', 'that quarter', 'the same quarter', 'that year', 'the same year'],
  samePurpose: ['for this purpose', 'for these purposes', 'for that purpose', 'to this end', 'for this cause'],
  including: ['including', 'of which'],
  sameQuantity: ['this figure', 'the figure', 'this indicator', 'this number', 'it reached', 'it amounted', 'it stood'],
  numbers: ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'],
};

const RU: FigureWords = {
  metrics: {
    'trade-turnover': ['товарооборот', 'торговл', 'наторговал', 'взаимн торговл', 'объем торговли', 'объем взаимной торговли', 'объем товарооборота', 'торговый оборот', 'двусторонн торговл', 'внешнеторгов оборот'],
    exports: ['экспортер получил', 'экспортер заработал', 'экспортёр получил', 'экспортёр заработал', 'экспорт', 'экспортирова', 'поставк', 'поставок', 'поставил', 'вывез', 'вывоз', 'продаж', 'продал'],
    // «закупил товаров» is buying goods abroad; «закупка» (procurement) is not.
    imports: ['импортер заплатил', 'импортер оплатил', 'импортер потратил', 'импортёр заплатил', 'импортёр оплатил', 'импортёр потратил', 'импорт', 'импортирова', 'ввез', 'ввоз', 'закупил'],
    investment: ['инвестиц', 'инвестир', 'влож', 'ПИИ'],
    loans: ['кредит', 'заем', 'займ', 'финансировани'],
    grants: ['грант', 'помощ', 'безвозмездн'],
    'project-value': ['стоимост', 'стоимостью', 'проект', 'контракт', 'соглашени', 'сделк', 'портфел', 'пакет', 'завод', 'комбинат', 'комплекс'],
  },
  // Actors, and the adjective «инвестиционный», whose noun (проект, соглашение, компания) says what is measured.
  notMetric: ['экспортер', 'импортер', 'экспортёр', 'импортёр', 'инвестиционн'],
  service: ['доход от транзит', 'выручк от транзит', 'транзитн доход', 'транзитн выручк', 'плат за транзит'],
  otherMoney: ['выделен', 'выделил', 'выделит', 'бюджет', 'субсиди', 'цена', 'цены', 'цене', 'ценой', 'сбор', 'ВВП', 'сальдо', 'профицит', 'дефицит', 'сальдо торговл', 'профицит торговл', 'дефицит торговл', 'сальдо внешн торговл'],
  growth: ['рост', 'выше', 'ниже', 'вырос', 'выросл', 'вырастет', 'вырастут', 'возрастет', 'возрастут', 'увеличи', 'прирост', 'спад', 'сократи', 'снизи', 'уменьши', 'сниже', 'сокращени', 'больше', 'меньше', 'по сравнению', 'упал', 'возрос'],
  fall: ['сократи', 'снизи', 'уменьши', 'сниже', 'сокращени', 'упал', 'меньше', 'падени', 'ниже', 'спад'],
  share: ['доля', 'доли', 'долю', 'долей', 'приходит', 'пришлось', 'пришлась', 'удельн вес', 'от общего', 'занима'],
  // Stems, so that every case is read: «за прошлый год», «прошлого года», «в прошлом году».
  thisYear: ['эт год', 'текущ год', 'с начала года', 'конца года', 'концу года'],
  lastYear: ['прошл год', 'минувш год', 'предыдущ год'],
  nextYear: ['следующ год', 'будущ год'],
  wholeYear: ['весь год', 'целом за год'],
  firstHalf: ['полугоди', 'первое полугодие', 'первом полугодии', 'первого полугодия'],
  secondHalf: ['второе полугодие', 'втором полугодии', 'второго полугодия'],
  months: ['месяц'],
  quarter: ['квартал'],
  lastMonth: ['в прошлом месяце', 'прошлого месяца', 'в минувшем месяце'],
  yearBefore: ['годом ранее', 'годом раньше', 'годом прежде'],
  rate: ['в сутки=', 'в год=', 'в месяц=', 'ежегодно', 'ежедневно', 'ежемесячно', 'суточн', 'кажд год', 'кажд день'],
  standing: ['накопленн', 'кредитн лини', 'подписа'],
  // «Ближайш-» in its time sense only («в ближайшие (три) года», «в ближайшее время»), not «одним из ближайших партнеров».
  newTopic: ['кроме того', 'помимо этого', 'отдельно', 'планиру', 'намерен', 'будет', 'будут', 'договорились', 'цель', 'стрем', 'мощност', 'ежегодно', 'в год', 'сейчас', 'в настоящее время',
    'ближайш год', 'ближайш лет', 'ближайш время', 'ближайш перспектив', 'ближайш месяц', 'ближайш десятилет', 'ближайш будущ',
    'ближайш два', 'ближайш двух', 'ближайш три=', 'ближайш трех', 'ближайш четыре', 'ближайш четырех', 'ближайш пять', 'ближайш пяти', 'ближайш нескольк',
    'в перспективе', 'в будущем', 'в дальнейшем'],
  prospect: ['планиру', 'планах', 'план=', 'намерен', 'намечен', 'будет', 'будут', 'цель', 'целев', 'стрем', 'ожидается', 'ожидаются', 'ожидает', 'ожидают', 'прогноз', 'довести', 'доведен', 'предполага', 'потенциал', 'собираются',
    // «Предложил», not «предложение» (supply); «ожидается», not «чем ожидалось».
    'предложил', 'предлагает', 'предлагают', 'может составить', 'могут составить', 'может достич', 'могут достич', 'может превыс', 'могут превыс',
    // The perfective future: «составит», «достигнет», «превысит» (will amount to, reach, exceed).
    'составит=', 'достигнет', 'превысит=',
    // The perfective future of the verbs money and projects take: «построит», «выделит», «составит».
    'построит', 'построят', 'откроет', 'откроют', 'составит', 'составят', 'выделит', 'выделят', 'предоставит', 'предоставят', 'вложит', 'вложат',
    'направит', 'направят', 'инвестирует', 'инвестируют', 'профинансирует', 'возводится', 'строится'],
  samePeriod: ['этот период', 'указанный период', 'данный период', 'тот же период', 'отчетный период', 'аналогичн период', 'тот же месяц', 'том же месяце', 'тот же квартал', 'том же квартале'],
  samePurpose: ['на эти цели', 'на эту цель', 'на данные цели', 'на указанные цели', 'для этих целей', 'на эти нужды'],
  including: ['в том числе', 'из них', 'из которых'],
  sameQuantity: ['этот показатель', 'данный показатель', 'показатель', 'он составил', 'она составила', 'он достиг', 'она достигла'],
  numbers: ['один,одного,первый', 'два,двух', 'три,трех,трёх', 'четыре,четырех,четырёх', 'пять,пяти', 'шесть,шести', 'семь,семи', 'восемь,восьми', 'девять,девяти', 'десять,десяти', 'одиннадцать,одиннадцати', 'двенадцать,двенадцати'],
};

/** Kazakh, in Cyrillic: folded, these match the Latin and Arabic scripts as well. */
const KK: FigureWords = {
  metrics: {
    'trade-turnover': ['тауар айналым', 'тауарайналым', 'сауда', 'сауда айналым', 'өзара сауда', 'сауда көлем', 'екіжақты сауда', 'сыртқы сауда айналым', 'тауар алмас'],
    // «сату» (selling) and «сатып алу» (buying) name the flow too.
    // Not «жеткізу(ді)» (to bring trade up to a target), nor «сатып» (of «сатып алу», buying).
    exports: ['экспорт', 'экспортта', 'жеткізді', 'жеткізіл', 'жеткізген', 'жеткізетін', 'жеткізуші', 'жөнелт', 'сату', 'сатыл', 'сатты=', 'сатқан'],
    imports: ['импорт', 'импортта', 'әкелін', 'әкелінген', 'сатып ал'],
    // «жобаларға салған қаражаты» (the funds put into projects): money put in, whatever it went into.
    investment: ['инвестиция', 'инвестиц', 'салым', 'салған қаражат', 'салған қаржы', 'салған капитал', 'салынған қаражат', 'салынған қаржы', 'салынған капитал'],
    loans: ['несие', 'кредит', 'қарыз', 'заём', 'займ', 'қаржыландыр'],
    // A final к/қ voices before a vowel: «көмегі».
    grants: ['грант', 'көмек', 'көмег', 'сыйға тарт', 'гуманитарлық'],
    'project-value': ['құны', 'жоба', 'келісім', 'келісімшарт', 'контракт', 'портфель', 'зауыт', 'фабрика', 'кешен', 'комбинат'],
  },
  // Actors, and the adjective «инвестициялық», whose noun (жоба, компания, келісім) says what is measured.
  notMetric: ['экспорттаушы', 'импорттаушы', 'инвестициялық'],
  // Not «бөлді» (allocated): folded, it is «болды» (was).
  service: ['транзиттен түскен', 'транзиттен алынған', 'транзит табыс'],
  otherMoney: ['бөлінді', 'бөлінеді', 'бюджет', 'субсиди', 'бағасы', 'алым', 'ЖІӨ=', 'жалпы ішкі өнім', 'профицит', 'сальдо', 'тапшылы', 'теңгерім'],
  // Not «көптеген» (many), «азық» (food): «көп» and «аз» stand alone, or as comparatives.
  growth: ['көп=', 'аз=', 'кем=', 'көбірек', 'азырақ', 'кемірек', 'өсті', 'өсім', 'өскен', 'өсіп', 'өсу', 'артып', 'артқан', 'артуы', 'азайып', 'қысқарып', 'жоғары', 'төмен', 'артты', 'артық', 'ұлғай', 'көбей', 'азай', 'төменде', 'қысқар', 'кеміді', 'кеміген', 'кему', 'құлдыра', 'салыстырғанда',
    // The present-future and the intention: «20 пайызға артады», «30 пайызға өседі», «өспек», «азаяды».
    'артады', 'артатын', 'артпақ', 'өседі', 'өсетін', 'өспек', 'ұлғаяды', 'азаяды', 'кемиді',
    // «3 пайызға асты» (exceeded by 3%); only as they stand: «асу» is also the stem of «астам», «астық».
    'асты=', 'асып=', 'асқан=', 'асады='],
  fall: ['аз=', 'кем=', 'азырақ', 'кемірек', 'азай', 'азаяды', 'төменде', 'қысқар', 'кеміді', 'кеміген', 'кему', 'кемиді', 'құлдыра', 'төмен'],
  share: ['үлес'],
  thisYear: ['биыл=', 'биылғы', 'осы жыл', 'ағымдағы жыл', 'жыл басынан', 'жыл соңы'],
  lastYear: ['былтыр', 'өткен жыл', 'былтырғы', 'алдыңғы жыл'],
  nextYear: ['келесі жыл'],
  wholeYear: ['жыл бойғы', 'жыл бойы', 'жыл бойында', 'жыл қорытындысы'],
  // Stems without the final қ, which voices before a vowel («жартыжылдығында»).
  // «Жарты жылда» (in half a year) as well.
  firstHalf: ['жартыжылды', 'жарты жылды', 'жарты жыл', 'алғашқы алты ай', 'бірінші жартыжылды', 'бірінші жарты', 'алғашқы жарты'],
  secondHalf: ['екінші жартыжылды', 'екінші жарты'],
  months: ['ай'],
  quarter: ['тоқсан'],
  lastMonth: ['өткен ай', 'өткен айда'],
  yearBefore: ['бір жыл бұрын', 'бір жыл бұрынғы'],
  rate: ['тәулігіне', 'тәулік сайын', 'тәуліктік', 'күніне', 'күн сайын', 'жылына', 'жыл сайын', 'ай сайын'],
  standing: ['жинақталған', 'салған инвестиц', 'салған тікелей инвестиц', 'несие желі', 'кредит желі', 'қол қой'],
  newTopic: ['бұдан бөлек', 'сонымен қатар', 'жоспарла', 'ниетті', 'келісті', 'мақсат', 'көздеп', 'қуаты', 'қабілет', 'жылына', 'жыл сайын', 'қазір', 'жақын жылдар', 'алдағы жылдар', 'таяу жылдар', 'жақын арада', 'болашақта', 'алдағы уақытта'],
  // With the present-future of the verbs money and projects take («салады», «бөледі», «беріледі»), not their past («салды», «бөлді»).
  // Not «жеткізу» (also delivery, «жеткізушілер» suppliers), «береді» («хабар береді», reports), «бағаланады» (is estimated, of a
  // past year too), «күтілгеннен» (than expected).
  prospect: ['жоспарла', 'көзде', 'мақсат', 'ниет', 'күтілуде', 'күтіледі', 'болжануда', 'болжанады', 'болжанып', 'әлеует', 'салады', 'салынады',
    'салынатын', 'салу=', 'салуға', 'бөледі', 'бөлінеді', 'беріледі', 'жұмсалады', 'қаржыландырылады', 'қарастырылған', 'қамтылады',
    'несие береді', 'қарыз береді', 'кредит береді', 'грант береді', 'заем береді', 'мүмкін='],
  // «Осы жыл» is this year; «сол жылы» (that year) and the other demonstratives point back.
  samePeriod: ['осы кезең', 'аталған кезең', 'сол кезең', 'бұл кезең', 'сәйкес кезең', 'ұқсас кезең', 'есепті кезең', 'сол жыл', 'сол ай', 'осы ай', 'сол тоқсан', 'осы тоқсан', 'аталған ай'],
  samePurpose: ['осы мақсат', 'бұл мақсат', 'аталған мақсат', 'сол мақсат'],
  including: ['оның ішінде', 'соның ішінде'],
  sameQuantity: ['бұл көрсеткіш', 'осы көрсеткіш', 'көрсеткіш'],
  numbers: ['бір', 'екі', 'үш', 'төрт', 'бес', 'алты', 'жеті', 'сегіз', 'тоғыз', 'он', 'он бір', 'он екі'],
};

/** Uzbek, in Cyrillic (folded: Latin matches too). */
const UZ: FigureWords = {
  metrics: {
    'trade-turnover': ['товар айирбош', 'савдо', 'товар айланма', 'савдо айланма', 'ўзаро савдо', 'савдо ҳажм', 'ташқи савдо айланма'],
    exports: ['экспорт', 'етказиб бер', 'жўнатил', 'сотил', 'сотув', 'сотди', 'сотган', 'сотиш'],
    imports: ['импорт', 'олиб кел', 'келтирил', 'сотиб ол'],
    investment: ['инвестиция', 'инвестиц', 'сармоя', 'киритилган маблағ', 'киритган маблағ'],
    loans: ['кредит', 'қарз', 'молиялаштириш'],
    grants: ['грант', 'ёрдам', 'ҳадя'],
    'project-value': ['қиймат', 'лойиҳа', 'шартнома', 'битим', 'келишув', 'контракт', 'портфел', 'завод', 'комбинат', 'мажмуа'],
  },
  // Actors, and the adjective «инвестицион», whose noun (лойиҳа, компания) says what is measured.
  notMetric: ['экспортчи', 'импортчи', 'инвестицион'],
  service: ['транзитдан тушган', 'транзитдан олинган', 'транзит даромад'],
  otherMoney: ['ажратил', 'ажратади', 'бюджет', 'субсидия', 'нархи', 'йиғим', 'ЯИМ=', 'ялпи ички маҳсулот', 'профицит', 'дефицит', 'сальдо'],
  growth: ['кўп=', 'кам=', 'кўпроқ', 'камроқ', 'ўсди', 'ўсиш', 'ўсган', 'ўсиб', 'ошиб', 'камайиб', 'қисқариб', 'юқори', 'паст', 'ошди', 'ошган', 'кўпай', 'камай', 'қисқар', 'пасай', 'нисбатан', 'ортди', 'ортиқ',
    // The present-future: «20 фоизга ўсади», «ошади», «камаяди».
    'ўсади', 'ошади', 'ортади', 'камаяди', 'пасаяди'],
  fall: ['камай', 'камаяди', 'қисқар', 'пасай', 'пасаяди', 'тушди', 'паст', 'кам=', 'камроқ'],
  share: ['улуш', 'ҳисса'],
  thisYear: ['жорий йил', 'бу йил', 'йил бошидан', 'йил охир'],
  lastYear: ['ўтган йил', 'аввалги йил'],
  nextYear: ['келаси йил', 'кейинги йил'],
  wholeYear: ['йил давомида', 'йил якун'],
  // The final к voices before a vowel («ярим йиллигида»).
  firstHalf: ['ярим йилли', 'биринчи ярим йил', 'биринчи ярм', 'олти ой'],
  secondHalf: ['иккинчи ярим йил', 'иккинчи ярм'],
  months: ['ой'],
  quarter: ['чорак', 'чораг'],
  lastMonth: ['ўтган ой'],
  yearBefore: ['бир йил олдин', 'бир йил аввал'],
  rate: ['кунига', 'суткасига', 'йилига', 'ҳар йили', 'ҳар куни', 'ҳар ой'],
  standing: ['тўпланган', 'кредит линия', 'имзола'],
  newTopic: ['бундан ташқари', 'шунингдек', 'режалаштир', 'мўлжалла', 'келишиб', 'мақсад', 'кўзла', 'қуввати', 'йилига', 'ҳар йили', 'ҳозир', 'яқин йиллар', 'келгуси йиллар', 'яқин келажак', 'келажакда', 'яқин орада'],
  // Not «етказиш» (also delivery), «беради» («хабар беради», reports), «баҳоланади» (is estimated), «кутилганидан» (than expected).
  prospect: ['режалаштир', 'мўлжалла', 'мақсад', 'кутилмоқда', 'кутилади', 'прогноз', 'салоҳият', 'кўзла', 'таклиф', 'қуриладиган', 'қурилади', 'қурилмоқда',
    'қурмоқда', 'йўналтирилади', 'берилади', 'ажратилади', 'ажратади', 'кўзда тутил', 'кредит беради', 'қарз беради', 'грант беради', 'заём беради', 'мумкин='],
  samePeriod: ['мазкур давр', 'шу давр', 'ушбу давр', 'бу давр', 'мос давр', 'ҳисобот давр', 'шу йил', 'ўша йил', 'шу ой', 'ўша ой', 'шу чорак', 'шу чораг'],
  samePurpose: ['шу мақсад', 'бу мақсад', 'ушбу мақсад', 'мазкур мақсад'],
  including: ['шу жумладан', 'шундан'],
  sameQuantity: ['бу кўрсаткич', 'ушбу кўрсаткич', 'мазкур кўрсаткич', 'кўрсаткич'],
  numbers: ['бир', 'икки', 'уч', 'тўрт', 'беш', 'олти', 'етти', 'саккиз', 'тўққиз', 'ўн', 'ўн бир', 'ўн икки'],
};

const ZH: FigureWords = {
  metrics: {
    'trade-turnover': ['贸易额', '贸易', '贸易总额', '双边贸易', '贸易往来', '进出口总额', '进出口额', '贸易规模', '进出口贸易'],
    exports: ['出口', '供应'],
    imports: ['进口'],
    investment: ['投资', '注资'],
    loans: ['贷款', '信贷', '融资'],
    grants: ['援助', '赠款', '无偿'],
    'project-value': ['价值', '总价', '项目', '合同', '协议', '总额为', '工厂'],
  },
  // Exporters and importers, not 进口商品 (imported goods).
  notMetric: ['出口商(?!品)', '进口商(?!品)'],
  service: ['过境收入', '过境费', '过境运输收入'],
  otherMoney: ['拨款', '预算', '补贴', '价格', '国内生产总值', '贸易顺差', '贸易逆差', '顺差', '逆差'],
  growth: ['增长', '高出', '低于', '增加', '上升', '下降', '减少', '同比', '提高', '降低', '下滑', '增幅', '降幅'],
  fall: ['下降', '减少', '降低', '下滑', '降幅', '低于'],
  share: ['占', '份额', '比重'],
  thisYear: ['今年', '本年度'],
  lastYear: ['去年', '上一年', '上年'],
  nextYear: ['明年'],
  wholeYear: ['全年'],
  firstHalf: ['上半年'],
  secondHalf: ['下半年'],
  months: ['个月', '月'],
  quarter: ['季度'],
  lastMonth: ['上个月', '上月'],
  yearBefore: ['一年前', '上一年度'],
  rate: ['每天', '每日', '每年', '每月'],
  standing: ['截至目前', '信贷额度', '签署'],
  // 将 as the future (将向, 将在, 将达到), as PLAN reads it; as the object marker (将20万吨小麦出口到) it names nothing new.
  newTopic: ['此外', '另外', '计划', '拟', '将会', '将要', '将于', '将在', '将向', '将达', '将增', '将提', '将超', '将继续', '将进一步', '按照协议', '能力', '未来', '今后'],
  // 拟 with what it plans, not inside 虚拟 or 模拟.
  prospect: ['计划', '拟于', '拟在', '拟将', '拟投', '拟建', '拟向', '将会', '将要', '将于', '将在', '将达', '将增', '将提', '将超', '将继续', '将进一步', '将向', '将与', '将为', '将投', '将建', '将拨', '建成后', '预计', '预期', '有望', '可望', '力争', '争取', '目标', '规划', '潜力', '希望', '可能'],
  samePeriod: ['这一时期', '该时期', '此期间', '在此期间', '这一期间', '同期', '当月'],
  samePurpose: ['为此', '用于此'],
  including: ['其中'],
  sameQuantity: ['这一数字', '该数字', '这一指标', '该指标'],
  numbers: ['一', '二,两', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'],
};

export const FIGURE_WORDS: Readonly<Record<Family, FigureWords>> = { en: EN, ru: RU, kk: KK, uz: UZ, zh: ZH };
