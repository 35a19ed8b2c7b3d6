import { describe, expect, it } from 'vitest';
import { Relations, type Language } from '../../schemas/article.ts';
import { classify } from '../../functions/process/classify/index.ts';

/** Short articles written for these tests: title, lead, body. */
function run(language: Language, title: string, summary: string, ...paragraphs: string[]) {
  const r = classify({ language, title, summary, paragraphs });
  expect(() => Relations.parse(r)).not.toThrow();
  return r;
}

const outcome = (r: Relations) => ({ kind: r.kind, countries: r.countries, pair: r.pair, kazakhstanInvolved: r.kazakhstanInvolved });
const bilateral = (a: string, b: string) => {
  const countries = [a, b].sort();
  return { kind: 'bilateral', countries, pair: countries.join('-'), kazakhstanInvolved: countries.includes('KZ') };
};
const none = { kind: 'none', countries: [], pair: null, kazakhstanInvolved: false };

describe('bilateral relations, per language', () => {
  it('English: a call between prime ministers, with a compound in the title', () => {
    const r = run('en', 'Kazakhstan-Uzbekistan trade to reach $5bn, prime ministers agree',
      'ASTANA. KAZINFORM – The prime ministers of Kazakhstan and Uzbekistan held a phone call on Monday.',
      'They reviewed mutual trade, joint water projects and industrial cooperation.');
    expect(outcome(r)).toEqual(bilateral('KZ', 'UZ'));
    expect(r.signals[0]).toBe('compound: KZ-UZ «Kazakhstan-Uzbekistan»');
    expect(r.topics).toContain('trade');
  });

  it('English: capitals standing for the states', () => {
    const r = run('en', 'Astana and Washington agree to expand cooperation in critical minerals',
      'ASTANA. KAZINFORM – Kazakhstan and the United States signed a memorandum on critical minerals during the visit of the US Deputy Secretary of State.',
      'The sides also discussed the work of the Enhanced Strategic Partnership Dialogue.');
    expect(outcome(r)).toEqual(bilateral('KZ', 'US'));
    expect(r.signals[0]).toBe('coordination: KZ-US «Astana and Washington»');
  });

  it('English: "X, Y sign..." in a title', () => {
    const r = run('en', 'Kazakhstan, Serbia sign strategic partnership declaration',
      'President Tokayev and President of Serbia Aleksandar Vucic signed a declaration on strategic partnership in Astana.',
      'Trade between the two countries is growing.');
    expect(outcome(r)).toEqual(bilateral('KZ', 'RS'));
  });

  it('Russian: an adjective compound and the partner in the instrumental case', () => {
    const r = run('ru', 'Токаев провел переговоры с Федеральным канцлером Германии',
      'В Берлине состоялись переговоры Президента Казахстана с канцлером ФРГ.',
      'Стороны обсудили казахстанско-германское сотрудничество в сфере энергетики и сырьевых ресурсов.');
    expect(outcome(r)).toEqual(bilateral('DE', 'KZ'));
    expect(r.signals).toContain('compound: DE-KZ «казахстанско-германское»');
  });

  it('Kazakh (Cyrillic): an intergovernmental commission', () => {
    const r = run('kk-Cyrl', 'Қазақстан мен Тәжікстан арасындағы тауар айналымы 1 млрд долларға жетті',
      'Астанада Қазақстан-Тәжікстан үкіметаралық комиссиясының отырысы өтті.',
      'Тараптар көлік, энергетика және су ресурстары саласындағы ынтымақтастықты талқылады.');
    expect(outcome(r)).toEqual(bilateral('KZ', 'TJ'));
    expect(r.signals).toContain('cue: intergovernmental commission «үкіметаралық комиссиясының»');
  });

  it('Kazakh (Latin): talks and trade turnover', () => {
    const r = run('kk-Latn', 'Qazaqstan men Qytaı arasyndaǵy saýda aınalymy ósti',
      'ASTANA. QazAqparat – Qazaqstan-Qytaı saýda-ekonomıkalyq yntymaqtastyǵy jaıly kelissózder ótti.',
      'Eki el arasyndaǵy taýar aınalymy 40 mlrd dollarǵa jetti.');
    expect(outcome(r)).toEqual(bilateral('CN', 'KZ'));
  });

  it('Kazakh (Arabic script): a meeting of the two presidents', () => {
    const r = run('kk-Arab', 'توقايەۆ قىرعىزستان پرەزيدەنتىمەن كەزدەستى',
      'استانا. KAZINFORM - مەملەكەت باسشىسى توقايەۆ قىرعىز رەسپۋبليكاسىنىڭ باسشىسى سادىر جاپاروۆپەن كەلىسسوز جۇرگىزدى.',
      'ەكى ەل باسشىلارى ساۋدا جانە سۋ-ەنەرگەتيكا سالاسىنداعى ىنتىماقتاستىقتى تالقىلادى.');
    expect(outcome(r)).toEqual(bilateral('KG', 'KZ'));
  });

  it('Uzbek (Cyrillic): leaders named without their countries', () => {
    const r = run('uz-Cyrl', 'Тоқаев Илҳом Алиев билан телефон орқали суҳбатлашди',
      'Қозоғистон Президенти Озарбайжон етакчисини туғилган куни билан табриклади.',
      'Давлат раҳбарлари икки томонлама ҳамкорликни муҳокама қилди.');
    expect(outcome(r)).toEqual(bilateral('AZ', 'KZ'));
  });

  it('Uzbek (Latin): talks in Tashkent', () => {
    const r = run('uz-Latn', "Qozog'iston va O'zbekiston prezidentlari muzokara o'tkazdi",
      "Toshkentda Shavkat Mirziyoyev va Qosim-Jomart Toqayev o'rtasida muzokaralar bo'lib o'tdi.",
      'Ikki davlat rahbarlari savdo va transport sohasidagi hamkorlikni muhokama qildi.');
    expect(outcome(r)).toEqual(bilateral('KZ', 'UZ'));
  });

  it('Chinese: an abbreviation compound (哈日两国)', () => {
    const r = run('zh-Hans', '托卡耶夫会见日本外务大臣',
      '（哈萨克国际通讯社讯）哈萨克斯坦总统托卡耶夫在阿克奥尔达会见了日本外务大臣。',
      '双方讨论了哈日两国在能源、交通和数字化领域的合作。');
    expect(outcome(r)).toEqual(bilateral('JP', 'KZ'));
    expect(r.signals).toContain('compound: JP-KZ «哈日»');
  });

  it('a bilateral meeting held on the sidelines of a summit', () => {
    const r = run('en', 'Tokayev meets Pakistani Prime Minister on sidelines of SCO summit',
      'ASTANA. KAZINFORM – On the sidelines of the SCO summit in Tianjin, President Kassym-Jomart Tokayev held a meeting with Prime Minister of Pakistan Shehbaz Sharif, Akorda reports.',
      'The sides discussed trade, transport and energy cooperation between Kazakhstan and Pakistan.',
      'Tokayev noted that bilateral trade grew by 20 percent.');
    expect(outcome(r)).toEqual(bilateral('KZ', 'PK'));
  });
});

describe('what the label rules imply', () => {
  it('subnational cooperation: a Kazakh region and a Russian region are KZ-RU', () => {
    const r = run('ru', 'Костанайская область и Челябинская область расширят сотрудничество',
      'КОСТАНАЙ. КАЗИНФОРМ – Аким Костанайской области встретился с делегацией Челябинской области во главе с губернатором.',
      'Стороны обсудили сотрудничество в сельском хозяйстве и машиностроении. Товарооборот двух регионов достиг 500 млн долларов.');
    expect(outcome(r)).toEqual(bilateral('KZ', 'RU'));
    expect(r.signals[0]).toBe('coordination: KZ-RU «Костанайская область и Челябинская»');
  });

  it('Kazakhstan as host of two other states\' talks: that pair', () => {
    const r = run('en', 'Armenian and Azerbaijani foreign ministers hold talks in Almaty',
      'ALMATY. KAZINFORM – The foreign ministers of Armenia and Azerbaijan held two days of talks in Almaty on the draft peace treaty.',
      "Kazakhstan's Foreign Minister welcomed the delegations and said Kazakhstan was ready to provide a platform for the negotiations.");
    expect(outcome(r)).toEqual(bilateral('AM', 'AZ'));
  });

  it('a summit in the headline, the two presidents\' talks in the body', () => {
    const r = run('zh-Hans', '托卡耶夫抵达塔什干出席中亚国家元首协商会议', '哈通社/塔什干/8月8日 -- 托卡耶夫总统抵达塔什干。',
      '当天，托卡耶夫与米尔济约耶夫举行了小范围和扩大范围会谈。两国元首讨论了双边贸易，去年贸易额达40亿美元，并签署了联合声明。',
      '双方还签署了12份交通、能源和水资源领域的合作协议。');
    expect(outcome(r)).toEqual(bilateral('KZ', 'UZ'));
  });

  it('a summit named again and again counts once against the two states\' several own cues', () => {
    // The proposed summit is in the title, the lead and a quote; the visit, the bilateral
    // relations and the two countries' partnership are what the article reports.
    const r = run('en', 'Japan proposes first Central Asia – Japan summit',
      'ASTANA. KAZINFORM – Japan has proposed holding the first Central Asia – Japan summit, Kazakhstan\'s Foreign Minister Murat Nurtleu told journalists.',
      'Japan\'s Foreign Minister Takeshi Iwaya arrived in Astana today on his first official visit. At the meeting the ministers discussed taking bilateral relations to a new level.',
      '"Tokyo came up with the initiative of a Central Asia – Japan summit, and we fully supported it," Nurtleu said, adding that relations between Kazakhstan and Japan are excellent and the two countries are expanding their partnership.');
    expect(outcome(r)).toEqual(bilateral('JP', 'KZ'));
    expect(r.signals).toContain('multilateral, the two states\' own talks outweigh it: C5+1 «Central Asia – Japan»');
  });

  it('a region named as a place is not a summit: "a key partner in Central Asia"', () => {
    const r = run('en', 'Hungarian Foreign Minister visits Astana', 'ASTANA. KAZINFORM – Foreign Minister Peter Szijjarto arrived in Astana on a working visit.',
      'During the meeting with Murat Nurtleu, the ministers discussed trade and investment. Szijjarto said that Hungary sees Kazakhstan as a key partner in Central Asia.');
    expect(outcome(r)).toEqual(bilateral('HU', 'KZ'));
  });
});

describe('pairs without Kazakhstan', () => {
  it('Russian: a phone call between the presidents of Russia and the United States', () => {
    const r = run('ru', 'Путин и Трамп провели телефонный разговор',
      'Президент России Владимир Путин и президент США Дональд Трамп обсудили по телефону урегулирование на Украине.',
      'Стороны договорились продолжить контакты.',
      'Трамп заявил, что Вашингтон и Москва близки к соглашению.');
    expect(outcome(r)).toEqual(bilateral('RU', 'US'));
    expect(r.kazakhstanInvolved).toBe(false);
  });

  it('Chinese: talks of the Chinese and Russian heads of state', () => {
    const r = run('zh-Hans', '中俄两国元首举行会谈', '俄罗斯总统普京与中国国家主席习近平在北京举行会谈。', '双方讨论了中俄贸易、能源和交通合作。');
    expect(outcome(r)).toEqual(bilateral('CN', 'RU'));
  });

  it('English: Armenia and Azerbaijan', () => {
    const r = run('en', 'Armenia and Azerbaijan agree on the text of a peace treaty',
      'The foreign ministers of Armenia and Azerbaijan have finalised the text of the peace agreement, the Armenian Foreign Ministry said.',
      'Baku and Yerevan will now prepare the signing, the statement reads.');
    expect(outcome(r)).toEqual(bilateral('AM', 'AZ'));
  });
});

describe('not bilateral', () => {
  it('a summit of an organisation is multilateral, with its participants', () => {
    const r = run('en', 'Tokayev addresses SCO summit in Tianjin',
      'Kassym-Jomart Tokayev spoke at the meeting of the SCO Council of Heads of State in Tianjin, China.',
      'He called on the member states to strengthen regional security and to expand transport links.',
      'Leaders of Russia, China, India, Pakistan, Iran and Central Asian states took part.');
    expect(r.kind).toBe('multilateral');
    expect(r.pair).toBeNull();
    expect(r.kazakhstanInvolved).toBe(false);
    expect(r.countries).toEqual(['CN', 'IN', 'IR', 'KZ', 'PK', 'RU']);
    expect(r.signals[0]).toMatch(/^multilateral.*: SCO «SCO»$/);
  });

  it('a speech at a summit that singles out one state, the participants named, is about them all', () => {
    const r = run('en', 'Kazakh-Chinese cooperation rests on trust, Tokayev says',
      'XI\'AN. KAZINFORM – Speaking at the Central Asia – China summit, Kassym-Jomart Tokayev said that cooperation between Kazakhstan and China had never been so dynamic.',
      'He recalled his state visit to Beijing, where the two countries declared an eternal comprehensive strategic partnership, and said bilateral trade had reached a record.',
      'The summit brought together Chinese President Xi Jinping and the presidents of Kyrgyzstan, Sadyr Japarov, Tajikistan, Emomali Rahmon, Uzbekistan, Shavkat Mirziyoyev, and Turkmenistan, Serdar Berdimuhamedov.');
    expect([r.kind, r.signals[0]]).toEqual(['multilateral', 'multilateral: summit «summit»']);
  });

  it('a meeting of six states is multilateral even with no organisation named', () => {
    const r = run('en', 'Foreign ministers of Central Asia and the United States meet in New York',
      'Foreign ministers of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan and the United States met in the C5+1 format.',
      'They discussed regional security and trade.');
    expect(r.kind).toBe('multilateral');
    expect(r.countries).toEqual(['KG', 'KZ', 'TJ', 'TM', 'US', 'UZ']);
  });

  it('two ambassadors received in one report: Kazakhstan, named most, is a third party', () => {
    const r = run('en', 'Tokayev receives the ambassadors of Russia and China',
      'ASTANA. KAZINFORM – President of Kazakhstan Kassym-Jomart Tokayev received the ambassadors of Russia and China in Akorda.',
      'With the Russian ambassador the Head of State discussed the coming visit of the Russian President to Kazakhstan and the forum of interregional cooperation.',
      'With the Chinese ambassador he discussed his state visit to China and bilateral trade, which Kazakhstan wants to expand.',
      'Tokayev said Kazakhstan valued its relations with both neighbours.');
    expect([r.kind, r.pair]).toEqual(['multilateral', null]);
    expect(r.signals).toContain('third state named most: KZ «Tokayev»');
  });

  it('public reaction on social media to a leader\'s speech is not the two states\' relations', () => {
    const r = run('ru', 'Пользователи соцсетей Узбекистана обсуждают речь Токаева на узбекском языке',
      'Выступление Президента Казахстана на форуме в Ташкенте, которое он начал на узбекском языке, за сутки набрало в соцсетях Узбекистана более 500 тысяч просмотров.',
      'Пользователи сети пишут, что слова Токаева о дружбе Казахстана и Узбекистана тронули их. «Пусть дружба наших народов будет вечной», — написал один из них.');
    expect(outcome(r)).toEqual(none);
    expect(r.signals[0]).toBe('reactions on social media: social media «соцсетей»');
  });

  it('a disease called viral is no reaction on social media; a post that went viral is', () => {
    const health = run('en', 'Kazakhstan and Uzbekistan to fight viral hepatitis together',
      'ASTANA. KAZINFORM – The health ministers of Kazakhstan and Uzbekistan signed a roadmap on viral hepatitis at their talks in Astana.');
    expect(health.signals.filter((s) => s.startsWith('reactions on social media'))).toEqual([]);
    const post = run('en', 'Tokayev\'s speech in Uzbek went viral in Uzbekistan',
      'ASTANA. KAZINFORM – The speech of the President of Kazakhstan, begun in Uzbek, went viral among users in Uzbekistan.');
    expect(post.signals).toContain('reactions on social media: social media «went viral»');
  });

  it('a trilateral meeting is not bilateral', () => {
    const r = run('ru', 'Казахстан, Россия и Узбекистан обсудили газовый союз',
      'В Ташкенте прошла трехсторонняя встреча министров энергетики Казахстана, России и Узбекистана.', 'Стороны обсудили поставки газа.');
    expect(r.kind).toBe('multilateral');
    expect(r.countries).toEqual(['KZ', 'RU', 'UZ']);
  });

  it('a match between national teams (Chinese)', () => {
    const r = run('zh-Hans', '哈萨克斯坦国家队与乌兹别克斯坦队进行友谊赛', '哈萨克斯坦足球国家队将在阿拉木图与乌兹别克斯坦队进行一场友谊赛。', '比赛将于周二举行。');
    expect(outcome(r)).toEqual(none);
    expect(r.topics).toEqual(['other']);
    expect(r.signals[0]).toBe('sports: national team «国家队»');
  });

  it('a match between national teams (Kazakh Latin)', () => {
    const r = run('kk-Latn', 'Qazaqstan quramasy Ózbekstanmen joldastyq kezdesý ótkizedi',
      'ASTANA. QazAqparat – Fýtboldan Qazaqstan ulttyq quramasy Ózbekstan quramasymen joldastyq match ótkizedi.', 'Oıyn Almatyda ótedi.');
    expect(outcome(r)).toEqual(none);
  });

  it('a passing mention of a foreign country', () => {
    const r = run('ru', 'В Алматы открылась выставка современного искусства',
      'В экспозиции представлены работы художников из Казахстана. Среди гостей были коллекционеры из Франции.', 'Выставка продлится до конца месяца.');
    expect(outcome(r)).toEqual(none);
  });

  it('a company deal', () => {
    const r = run('ru', 'Компания из Южной Кореи построит завод в Алматы',
      'Корейская компания объявила о строительстве завода в Алматинской области.', 'Инвестиции составят 200 млн долларов, сообщил председатель правления компании.');
    expect(outcome(r)).toEqual(none);
    expect(r.signals[0]).toBe('company: company «Компания»');
  });

  it('domestic news (Kazakh Latin weather)', () => {
    const r = run('kk-Latn', 'Sınoptıkter: elimizde aýa raıy jylynady',
      'ASTANA. QazAqparat – Qazgıdromet aldaǵy úsh kúnge arnalǵan aýa raıy boljamyn jarııalady.', 'Respýblıkanyń batysynda jańbyr jaýady.');
    expect(outcome(r)).toEqual(none);
    expect(r.signals).toEqual(['no state named as a party']);
  });

  it('no state at all', () => {
    const r = run('en', 'Snow expected tomorrow', 'Forecasters expect snow and strong wind.');
    expect(outcome(r)).toEqual(none);
    expect(r.signals).toEqual(['no state named as a party']);
    expect(r.topics).toEqual(['other']);
  });
});

describe('confidence', () => {
  it('is higher for a clear case than for a borderline one', () => {
    const clear = run('en', 'Kazakhstan-Uzbekistan trade to reach $5bn, prime ministers agree',
      'The prime ministers of Kazakhstan and Uzbekistan held a phone call about mutual trade.');
    const borderline = run('en', 'Kazakhstan sends humanitarian aid to Türkiye',
      'A plane carrying humanitarian aid for the earthquake victims in Türkiye took off from Almaty.');
    expect(clear.confidence).toBeGreaterThan(borderline.confidence);
    expect(borderline.confidence).toBeGreaterThanOrEqual(0.5);
    expect(clear.confidence).toBeLessThanOrEqual(1);
  });
});
