import type { FamilyLexicon } from './types.ts';

/** Chinese (simplified). Phrases are plain strings, matched without word boundaries, longest first. */
export const ZH: FamilyLexicon = {
  names: {
    KZ: ['哈国'],
    CN: ['中华人民共和国'],
    US: ['美利坚合众国'],
    RU: ['俄罗斯联邦', '俄联邦'],
    KR: ['大韩民国'],
    AE: ['阿拉伯联合酋长国'],
    SA: ['沙特'],
    MN: ['蒙古国'],
    KG: ['吉尔吉斯', '吉尔吉斯共和国'],
    CZ: ['捷克共和国'],
    ID: ['印度尼西亚'],
    CF: ['中非共和国'],
    TR: ['土耳其共和国'],
    IR: ['伊朗伊斯兰共和国'],
  },
  adjectives: {},
  ethnonyms: { KZ: ['哈萨克'] },
  capitals: {
    KZ: ['阿斯塔纳', '努尔苏丹', '阿克奥尔达'], RU: ['莫斯科', '克里姆林宫'], CN: ['北京'],
    US: ['华盛顿', '白宫'], GB: ['伦敦'], UZ: ['塔什干'], KG: ['比什凯克'], TJ: ['杜尚别'],
    TM: ['阿什哈巴德'], AZ: ['巴库'], AM: ['埃里温'], GE: ['第比利斯'], BY: ['明斯克'], UA: ['基辅'],
    TR: ['安卡拉'], IR: ['德黑兰'], AF: ['喀布尔'], PK: ['伊斯兰堡'], IN: ['新德里'], MN: ['乌兰巴托'],
    JP: ['东京'], KR: ['首尔'], DE: ['柏林'], FR: ['巴黎'], IT: ['罗马'], ES: ['马德里'], PL: ['华沙'],
    HU: ['布达佩斯'], AT: ['维也纳'], SA: ['利雅得'], AE: ['阿布扎比'], QA: ['多哈'], EG: ['开罗'],
    MY: ['吉隆坡'], VN: ['河内'], TH: ['曼谷'], RS: ['贝尔格莱德'], CZ: ['布拉格'],
  },
  regions: {
    KZ: ['阿拉木图', '奇姆肯特', '卡拉干达', '阿克托别', '阿特劳', '阿克套', '曼格斯套', '巴甫洛达尔', '科斯塔奈', '克孜勒奥尔达',
      '塔拉兹', '江布尔', '突厥斯坦', '厄斯克门', '塞米伊', '彼得罗巴甫尔', '乌拉尔斯克', '科克舍套', '塔尔迪库尔干', '阿克莫拉',
      '阿拜州', '杰特苏', '乌勒套', '拜科努尔'],
    CN: ['新疆', '乌鲁木齐', '昌吉', '塔城', '阿勒泰', '克拉玛依', '伊宁', '博尔塔拉', '陕西', '西安', '甘肃', '江苏', '山东', '河南', '湖北', '浙江', '广东', '四川', '重庆', '上海',
      '天津', '黑龙江', '海南', '福建', '云南', '连云港', '青岛', '喀什', '伊犁'],
    RU: ['鞑靼斯坦', '喀山', '鄂木斯克', '新西伯利亚', '奥伦堡', '阿斯特拉罕', '车里雅宾斯克', '秋明', '圣彼得堡'],
    UZ: ['撒马尔罕', '布哈拉', '费尔干纳'], TR: ['伊斯坦布尔'], AE: ['迪拜'],
  },
  leaders: {
    // Heads of state and government, foreign ministers and speakers, 2010–2026.
    KZ: ['托卡耶夫', '纳扎尔巴耶夫', '努尔特列乌', '别克捷诺夫', '斯迈洛夫', '阿什姆巴耶夫', '阿希姆巴耶夫'],
    RU: ['普京', '米舒斯京', '拉夫罗夫', '梅德韦杰夫', '奥韦尔丘克'], CN: ['习近平', '李强', '王毅', '胡锦涛', '李克强', '赵乐际', '韩正'],
    US: ['特朗普', '拜登', '鲁比奥', '布林肯', '奥巴马', '万斯', '蓬佩奥'], UZ: ['米尔济约耶夫', '卡里莫夫', '赛义多夫'],
    KG: ['扎帕罗夫', '热恩别科夫', '阿坦巴耶夫', '库卢巴耶夫'],
    TJ: ['拉赫蒙', '穆赫里丁'], TM: ['别尔德穆哈梅多夫', '梅列多夫'], AZ: ['阿利耶夫', '拜拉莫夫'], TR: ['埃尔多安', '费丹'], AM: ['帕希尼扬', '米尔佐扬'],
    BY: ['卢卡申科'], UA: ['泽连斯基'], PK: ['夏巴兹·谢里夫', '谢里夫'], IN: ['莫迪'],
    IR: ['佩泽希齐扬', '莱希'], FR: ['马克龙'], DE: ['朔尔茨', '默茨', '施泰因迈尔', '默克尔'], IT: ['梅洛尼'],
    HU: ['欧尔班', '舒尤克', '西雅尔多'], GB: ['斯塔默'], JP: ['石破茂', '岸田文雄', '高市早苗', '安倍晋三', '岩屋毅', '茂木敏充'], KR: ['尹锡悦', '李在明', '文在寅'],
    MN: ['呼日勒苏赫'], QA: ['塔米姆'], EG: ['塞西'], RS: ['武契奇'],
  },
  self: ['我国'],
  stop: [
    '哈通社', '哈萨克国际通讯社', '塔斯社', '内蒙古', '美洲', '欧洲', '亚洲', '非洲', '中东', '印度洋',
    '哈萨克语', '中文', '英文', '俄文', '中非合作', '南美', '北美', '美德', '吉日', '土方', '海地区', '加纳入',
  ],
  cues: {
    'state visit': ['国事访问'],
    'official visit': ['正式访问', '工作访问'],
    visit: ['访问', '到访', '出访', '访华', '访哈'],
    talks: ['会谈', '谈判'],
    meeting: ['会见', '会晤', '接见'],
    'phone call': ['通电话', '电话'],
    ambassador: ['大使'],
    embassy: ['大使馆'],
    consulate: ['总领事', '领事馆', '总领馆'],
    bilateral: ['双边'],
    'two countries': ['两国', '两国间'],
    'two peoples': ['两国人民', '两个兄弟民族', '两国民众'],
    'strategic partnership': ['战略伙伴', '战略合作伙伴'],
    'diplomatic relations': ['建交', '外交关系'],
    'intergovernmental commission': ['政府间合作委员会', '政府间委员会', '企业家委员会'],
    'trade turnover': ['贸易额', '双边贸易', '贸易总额'],
    'joint statement': ['联合声明', '联合宣言', '联合新闻'],
    credentials: ['国书'],
    interregional: ['地方合作', '两地', '区域间', '地区间', '两省', '两州', '友好城市', '友好省州', '姊妹城市'],
    counterpart: ['同行'],
    'humanitarian aid': ['人道主义援助', '人道援助'],
    message: ['贺电', '慰问电', '致电', '唁电'],
    'state award': ['勋章', '授予'],
    agreement: ['协议', '协定', '条约'],
    memorandum: ['备忘录'],
    relations: ['关系'],
    partnership: ['伙伴'],
    friendship: ['友好', '兄弟', '友谊'],
    'the sides': ['双方'],
    cooperation: ['合作'],
    'bilateral meeting': ['双边会见', '双边会晤', '双边会谈'],
    sidelines: ['间隙', '期间会见'],
    SCO: ['上海合作组织', '上合组织', '上合'],
    CIS: ['独联体'],
    EAEU: ['欧亚经济联盟', '欧亚经济论坛', '欧亚经济委员会'],
    OTS: ['突厥国家组织', '突厥委员会', '突厥语国家'],
    CICA: ['亚信'],
    CSTO: ['集安组织'],
    UN: ['联合国'],
    EU: ['欧盟', '欧洲联盟', '欧洲理事会'],
    OSCE: ['欧安组织'],
    NATO: ['北约'],
    BRICS: ['金砖'],
    ASEAN: ['东盟'],
    OIC: ['伊斯兰合作组织'],
    'G20/G7': ['二十国集团', '七国集团'],
    'C5+1': ['C5', '中亚—中国', '中亚-中国', '中亚—俄罗斯', '俄罗斯—中亚', '中亚+日本', '日本+中亚', '中亚—日本'],
    'international organisation': ['国际组织', '世贸组织', '国际货币基金组织', '世界银行', '亚投行'],
    summit: ['峰会', '首脑会议'],
    'Central Asian states': ['中亚国家', '中亚各国', '中亚五国', '中亚+', '中国—中亚', '中国-中亚'],
    'Central Asia': ['中亚'],
    'consultative meeting': ['元首协商会议', '元首咨询会议', '协商会议'],
    'Caspian states': ['里海沿岸', '里海峰会'],
    'member states': ['成员国', '参与国'],
    multilateral: ['多边'],
    'secretary general': ['秘书长'],
    congress: ['大会'],
    forum: ['论坛'],
    trilateral: ['三方', '三国'],
    'Davis Cup': ['戴维斯杯'],
    'national team': ['国家队', '球队'],
    match: ['比赛', '友谊赛', '对阵', '比分', '进球'],
    tournament: ['锦标赛', '世界杯', '奥运', '亚运', '冠军', '决赛', '预选赛', '资格赛'],
    sport: ['击败', '战胜', '负于', '教练', '奖牌', '金牌', '足球', '网球', '拳击', '摔跤', '冰球', '排球', '篮球', '运动员'],
    company: ['公司', '集团', '企业'],
    'company executive': ['董事长', '董事会', '首席执行官', '总裁', '股东'],
    digest: ['周回顾', '一周要闻', '一周回顾', '本周要闻'],
    'social media': ['社交媒体', '社交网络', '网友', '微博', '点赞'],
    conflict: ['克制', '谴责', '局势升级', '流血', '停火', '冲突各方'],
    host: ['斡旋', '调解', '居中', '东道', '提供平台', '对话平台', '谈判平台'],
  },
  topics: {
    diplomacy: ['外交', '访问', '会谈', '大使', '外长', '外交部', '政治对话', '关系', '峰会', '双边'],
    trade: ['贸易', '经贸', '出口', '进口', '商品', '海关', '市场'],
    investment: ['投资', '投资者', '合资'],
    energy: ['能源', '石油', '天然气', '油气', '电力', '核电', '铀', '煤炭', '新能源', '光伏', '风电', '管道'],
    transport: ['交通', '运输', '物流', '铁路', '公路', '过境', '航班', '航空', '港口', '走廊', '货运', '互联互通'],
    agriculture: ['农业', '粮食', '小麦', '畜牧', '农产品', '农工'],
    industry: ['工业', '制造', '工厂', '矿产', '采矿', '冶金', '产能', '勘探'],
    finance: ['金融', '银行', '货币', '贷款', '融资'],
    education: ['教育', '大学', '学生', '奖学金', '留学', '学校', '科研', '求学'],
    culture: ['文化', '人文', '艺术', '历史', '传统', '文学', '手稿', '民族', '宗教'],
    health: ['卫生', '医疗', '医院', '医学', '药品', '疫苗'],
    security: ['安全', '防务', '军事', '恐怖', '冲突', '和平', '稳定'],
    water: ['水资源', '用水', '水利', '河流', '流域', '灌溉', '水—能源', '水-能源'],
    digital: ['数字', '人工智能', '信息技术', '创新', '网络', '科技', '数据'],
    tourism: ['旅游', '游客', '免签'],
    migration: ['移民', '劳务', '签证', '入境', '公民'],
  },
};

/**
 * One-character abbreviations used in compounds (中哈, 俄乌, 哈巴两国) and in "X方"
 * (哈方, the Kazakh side). Several stand for more than one state; the one whose full
 * name the article uses wins, else the first.
 */
export const ZH_ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  中: ['CN'], 哈: ['KZ'], 俄: ['RU'], 美: ['US'], 乌: ['UZ', 'UA'], 吉: ['KG'], 塔: ['TJ'],
  土: ['TM', 'TR'], 巴: ['PK', 'BR'], 伊: ['IR', 'IQ'], 蒙: ['MN'], 韩: ['KR'], 日: ['JP'],
  印: ['IN'], 英: ['GB'], 法: ['FR'], 德: ['DE'], 匈: ['HU'], 沙: ['SA'],
};

/** Verbs and prepositions taking a place or a partner: 访 (visit), 驻 (stationed in), 对 (toward), 与 (with)... */
export const ZH_OBJECT_PREFIXES: ReadonlySet<string> = new Set(['访', '来', '赴', '抵', '驻', '对', '与', '同', '在', '援', '离']);

/**
 * The one-character states such a verb or preposition takes (华 is China only here: 访华, 驻华).
 * 中, 法 and 沙 are left out: after 对/在 they mostly begin other words (中小, 法律, 沙漠).
 */
export const ZH_OBJECT_ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  哈: ['KZ'], 华: ['CN'], 俄: ['RU'], 美: ['US'], 乌: ['UZ', 'UA'], 吉: ['KG'], 塔: ['TJ'], 蒙: ['MN'], 韩: ['KR'],
  日: ['JP'], 土: ['TM', 'TR'], 巴: ['PK', 'BR'], 伊: ['IR', 'IQ'], 匈: ['HU'], 英: ['GB'], 德: ['DE'], 印: ['IN'],
};

/** Characters after such a state that make it part of another word (美丽, 日内瓦, 华人, 英语). */
export const ZH_OBJECT_BREAKERS: Readonly<Record<string, string>> = {
  美: '丽好食元术感', 日: '内期常前后子本程益', 英: '语文雄里寸', 印: '象刷尼度', 巴: '士黎基', 土: '地壤耳豆',
  德: '国行', 伊: '始', 塔: '楼吊', 华: '人裔语文为侨丽', 乌: '克兹鲁', 哈: '萨', 吉: '祥利', 蒙: '古',
};

/** Characters next to an abbreviation run that show it is not a pair of states (中美洲, 中英文, 贡巴德·卡武斯). */
export const ZH_RUN_BREAKERS = new Set(['洲', '文', '语', '字', '裔', '籍', '式', '车', '·', '•']);
