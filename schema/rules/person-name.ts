/**
 * Does a buyer name look like a natural person's rather than an organisation's? Used by BUYER_INDIVIDUAL
 * for a buyer whose type is not recorded (an unknown buyer created by an import).
 *
 * A person's name: 2–4 CJK characters starting with a common surname (single, or compound such as 欧阳),
 * containing no organisation or place word (医院, 公司, 药房, 市 …) and not ending in an organisation
 * suffix (院, 店, 所, 站 …).
 */
const SINGLE_SURNAMES = new Set(
  [
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由',
  ].join(''),
);
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '钟离',
  '端木',
  '百里',
  '南宫',
  '西门',
  '独孤',
  '万俟',
  '闻人',
  '澹台',
  '公羊',
  '呼延',
  '赫连',
  '单于',
  '申屠',
  '太史',
  '拓跋',
  '第五',
  '左丘',
  '东郭',
  '司空',
]);
/** words that mark an organisation or a place anywhere in the name */
const ORGANISATION_WORDS = [
  '医院',
  '药店',
  '药房',
  '公司',
  '诊所',
  '中心',
  '卫生',
  '门诊',
  '医药',
  '药业',
  '制药',
  '医疗',
  '器械',
  '药械',
  '药品',
  '连锁',
  '集团',
  '控股',
  '有限',
  '股份',
  '企业',
  '科技',
  '贸易',
  '商贸',
  '保健',
  '健康',
  '生物',
  '物流',
  '服务',
  '管理',
  '协会',
  '学校',
  '大学',
  '学院',
  '医学',
  '检验',
  '实验',
  '研究',
  '政府',
  '委员会',
  '社区',
  '商行',
  '药行',
  '经营',
  '合作',
  '国药',
  '省',
  '市',
  '县',
  '区',
  '镇',
  '乡',
  '村',
];
/** single characters that end an organisation's name (诊疗站, 卫生所, 药店, 制药厂 …) */
const ORGANISATION_SUFFIXES = '院站所局店部厂社室堂馆号处队铺坊';
const CJK = /^[\u4e00-\u9fff]+$/;

export function looksLikePersonName(name: string | null | undefined): boolean {
  const n = (name ?? '').replace(/\s+/g, '');
  if (n.length < 2 || n.length > 4 || !CJK.test(n)) return false;
  if (ORGANISATION_WORDS.some((w) => n.includes(w))) return false;
  if (ORGANISATION_SUFFIXES.includes(n[n.length - 1])) return false;
  if (COMPOUND_SURNAMES.has(n.slice(0, 2))) return n.length >= 3;
  return SINGLE_SURNAMES.has(n[0]);
}

/** words that say the buyer is a natural person, patient or end user (`个人`, `患者张三`, `散客`) */
const INDIVIDUAL_WORDS = /个人|患者|病人|自然人|散客|消费者/;

/** A buyer name that is a person's name, or says the buyer is a person. */
export function looksLikeIndividual(name: string | null | undefined): boolean {
  const n = (name ?? '').replace(/\s+/g, '');
  return looksLikePersonName(n) || (INDIVIDUAL_WORDS.test(n) && !ORGANISATION_WORDS.some((w) => n.includes(w)));
}
