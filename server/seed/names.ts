/** Chinese names, places and phrases the demo data is made of (in the style of /work/shared/samples). */
import type { Rng } from './random';

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '潘',
  '袁',
  '蔡',
  '蒋',
  '余',
];
export const MALE_GIVEN = [
  '伟',
  '强',
  '磊',
  '军',
  '勇',
  '涛',
  '斌',
  '超',
  '明',
  '刚',
  '平',
  '辉',
  '鹏',
  '华',
  '飞',
  '鑫',
  '波',
  '宇',
  '浩',
  '凯',
  '志强',
  '建华',
  '建国',
  '海涛',
  '国庆',
  '文博',
  '俊杰',
  '晓东',
  '宏伟',
  '振华',
  '永刚',
  '子豪',
  '立新',
  '德明',
];
export const FEMALE_GIVEN = [
  '芳',
  '娟',
  '敏',
  '静',
  '丽',
  '艳',
  '霞',
  '燕',
  '玲',
  '婷',
  '雪',
  '琳',
  '洁',
  '倩',
  '萍',
  '红',
  '慧',
  '颖',
  '莉',
  '佳',
  '秀英',
  '桂英',
  '海燕',
  '晓燕',
  '丽娟',
  '雅琴',
  '春梅',
  '玉兰',
  '淑珍',
  '思雨',
  '欣怡',
  '美玲',
];

export interface Person {
  name: string;
  male: boolean;
}

/** a person's name with a sex that matches it (the ID number's sequence digit follows it) */
export function person(rng: Rng, used?: Set<string>): Person {
  for (;;) {
    const male = rng.chance(0.5);
    const name = rng.pick(SURNAMES) + rng.pick(male ? MALE_GIVEN : FEMALE_GIVEN);
    if (!used?.has(name)) {
      used?.add(name);
      return { name, male };
    }
  }
}

export interface City {
  province: string;
  city: string;
  /** licence prefix: 鄂, 湘, 豫, 赣 */
  abbr: string;
  /** the one-character city mark used in device licence numbers (鄂汉食药监械经营许…) */
  mark: string;
  /** GB/T 2260 code of the city */
  code: string;
  districts: [name: string, code: string][];
}

export const CITIES: Record<string, City> = {
  武汉: {
    province: '湖北省',
    city: '武汉市',
    abbr: '鄂',
    mark: '汉',
    code: '420100',
    districts: [
      ['江岸区', '420102'],
      ['江汉区', '420103'],
      ['硚口区', '420104'],
      ['武昌区', '420106'],
      ['洪山区', '420111'],
    ],
  },
  襄阳: {
    province: '湖北省',
    city: '襄阳市',
    abbr: '鄂',
    mark: '襄',
    code: '420600',
    districts: [
      ['襄城区', '420602'],
      ['樊城区', '420606'],
      ['襄州区', '420607'],
    ],
  },
  宜昌: {
    province: '湖北省',
    city: '宜昌市',
    abbr: '鄂',
    mark: '宜',
    code: '420500',
    districts: [
      ['西陵区', '420502'],
      ['伍家岗区', '420503'],
      ['夷陵区', '420506'],
    ],
  },
  荆州: {
    province: '湖北省',
    city: '荆州市',
    abbr: '鄂',
    mark: '荆',
    code: '421000',
    districts: [
      ['沙市区', '421002'],
      ['荆州区', '421003'],
    ],
  },
  十堰: {
    province: '湖北省',
    city: '十堰市',
    abbr: '鄂',
    mark: '堰',
    code: '420300',
    districts: [
      ['茅箭区', '420302'],
      ['张湾区', '420303'],
    ],
  },
  长沙: {
    province: '湖南省',
    city: '长沙市',
    abbr: '湘',
    mark: '长',
    code: '430100',
    districts: [
      ['芙蓉区', '430102'],
      ['天心区', '430103'],
      ['岳麓区', '430104'],
      ['开福区', '430105'],
      ['雨花区', '430111'],
    ],
  },
  株洲: {
    province: '湖南省',
    city: '株洲市',
    abbr: '湘',
    mark: '株',
    code: '430200',
    districts: [
      ['荷塘区', '430202'],
      ['芦淞区', '430203'],
      ['天元区', '430211'],
    ],
  },
  岳阳: {
    province: '湖南省',
    city: '岳阳市',
    abbr: '湘',
    mark: '岳',
    code: '430600',
    districts: [
      ['岳阳楼区', '430602'],
      ['云溪区', '430603'],
    ],
  },
  衡阳: {
    province: '湖南省',
    city: '衡阳市',
    abbr: '湘',
    mark: '衡',
    code: '430400',
    districts: [
      ['珠晖区', '430405'],
      ['雁峰区', '430406'],
      ['蒸湘区', '430408'],
    ],
  },
  郑州: {
    province: '河南省',
    city: '郑州市',
    abbr: '豫',
    mark: '郑',
    code: '410100',
    districts: [
      ['中原区', '410102'],
      ['二七区', '410103'],
      ['金水区', '410105'],
      ['管城回族区', '410104'],
    ],
  },
  洛阳: {
    province: '河南省',
    city: '洛阳市',
    abbr: '豫',
    mark: '洛',
    code: '410300',
    districts: [
      ['老城区', '410302'],
      ['西工区', '410303'],
      ['涧西区', '410305'],
    ],
  },
  南阳: {
    province: '河南省',
    city: '南阳市',
    abbr: '豫',
    mark: '宛',
    code: '411300',
    districts: [
      ['宛城区', '411302'],
      ['卧龙区', '411303'],
    ],
  },
  南昌: {
    province: '江西省',
    city: '南昌市',
    abbr: '赣',
    mark: '洪',
    code: '360100',
    districts: [
      ['东湖区', '360102'],
      ['西湖区', '360103'],
      ['青山湖区', '360111'],
    ],
  },
  九江: {
    province: '江西省',
    city: '九江市',
    abbr: '赣',
    mark: '浔',
    code: '360400',
    districts: [
      ['濂溪区', '360402'],
      ['浔阳区', '360403'],
    ],
  },
  赣州: {
    province: '江西省',
    city: '赣州市',
    abbr: '赣',
    mark: '虔',
    code: '360700',
    districts: [
      ['章贡区', '360702'],
      ['南康区', '360703'],
    ],
  },
};

const STREETS = [
  '解放大道',
  '中山路',
  '建设路',
  '人民路',
  '友谊大道',
  '和平街',
  '光明路',
  '新华路',
  '胜利街',
  '文化路',
  '民主路',
  '长江路',
  '黄河路',
  '花园路',
  '团结路',
  '健康路',
  '五一路',
  '滨江大道',
  '工业园路',
  '学府路',
];

export function address(rng: Rng, c: City, district: string): string {
  return `${c.province}${c.city}${district}${rng.pick(STREETS)}${rng.int(1, 388)}号`;
}

/** people of our own company who appear in the records (and as demo users where they hold a role) */
export const STAFF = {
  salesHead: '林国栋',
  salesVp: '赵建华',
  gm: '钱明远',
  qa: ['周敏', '吴静'],
  issuers: ['郑洁', '冯雪'],
  pickers: ['林峰', '马强', '孙立'],
  reviewers: ['何娟'],
  finance: '陈晓燕',
  afterSales: ['黄磊', '谢婷'],
  office: '吴倩',
  auditor: '郑伟',
} as const;
