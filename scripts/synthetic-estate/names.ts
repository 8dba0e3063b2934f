/**
 * Word lists for synthetic departments: bilingual department names, people and the business
 * systems departments run. Department names combine a level of government, a bureau and
 * optionally a unit, which gives 11 x 24 x 2 = 528 unique names: more than the 512 departments
 * the address plan holds.
 */
import type { LocalizedName } from "../../model/types";
import type { Random } from "./random";

const LEVELS: readonly LocalizedName[] = [
  { zh: "青岛市", en: "Qingdao" },
  { zh: "市南区", en: "Shinan District" },
  { zh: "市北区", en: "Shibei District" },
  { zh: "李沧区", en: "Licang District" },
  { zh: "崂山区", en: "Laoshan District" },
  { zh: "黄岛区", en: "Huangdao District" },
  { zh: "城阳区", en: "Chengyang District" },
  { zh: "即墨区", en: "Jimo District" },
  { zh: "胶州市", en: "Jiaozhou" },
  { zh: "平度市", en: "Pingdu" },
  { zh: "莱西市", en: "Laixi" },
];

const BUREAUS: readonly LocalizedName[] = [
  { zh: "教育局", en: "Education Bureau" },
  { zh: "财政局", en: "Finance Bureau" },
  { zh: "民政局", en: "Civil Affairs Bureau" },
  { zh: "卫生健康局", en: "Health Bureau" },
  { zh: "人力资源和社会保障局", en: "Human Resources and Social Security Bureau" },
  { zh: "市场监督管理局", en: "Market Regulation Bureau" },
  { zh: "交通运输局", en: "Transport Bureau" },
  { zh: "城市管理局", en: "Urban Management Bureau" },
  { zh: "自然资源局", en: "Natural Resources Bureau" },
  { zh: "生态环境局", en: "Ecology and Environment Bureau" },
  { zh: "应急管理局", en: "Emergency Management Bureau" },
  { zh: "文化和旅游局", en: "Culture and Tourism Bureau" },
  { zh: "农业农村局", en: "Agriculture and Rural Affairs Bureau" },
  { zh: "住房和城乡建设局", en: "Housing and Urban-Rural Development Bureau" },
  { zh: "水务局", en: "Water Affairs Bureau" },
  { zh: "统计局", en: "Statistics Bureau" },
  { zh: "审计局", en: "Audit Bureau" },
  { zh: "司法局", en: "Justice Bureau" },
  { zh: "退役军人事务局", en: "Veterans Affairs Bureau" },
  { zh: "医疗保障局", en: "Medical Security Bureau" },
  { zh: "行政审批服务局", en: "Administrative Approval Service Bureau" },
  { zh: "商务局", en: "Commerce Bureau" },
  { zh: "科学技术局", en: "Science and Technology Bureau" },
  { zh: "体育局", en: "Sports Bureau" },
];

const UNITS: readonly LocalizedName[] = [
  { zh: "", en: "" },
  { zh: "信息中心", en: " Information Centre" },
];

/**
 * `count` distinct department names in a seeded order. Bureaus come before their information
 * centres, so that estates of up to 264 departments have no information centres at all.
 */
export function departmentNames(rng: Random, count: number): LocalizedName[] {
  const names: LocalizedName[] = [];
  for (const unit of UNITS) {
    const combos: LocalizedName[] = [];
    for (const level of LEVELS) {
      for (const bureau of BUREAUS) {
        combos.push({
          zh: level.zh + bureau.zh + unit.zh,
          en: `${level.en} ${bureau.en}${unit.en}`,
        });
      }
    }
    names.push(...rng.shuffle(combos));
  }
  if (count > names.length) throw new Error(`at most ${names.length} department names`);
  return names.slice(0, count);
}

/** [Chinese, pinyin] */
const SURNAMES: readonly [string, string][] = [
  ["王", "Wang"],
  ["李", "Li"],
  ["张", "Zhang"],
  ["刘", "Liu"],
  ["陈", "Chen"],
  ["杨", "Yang"],
  ["赵", "Zhao"],
  ["黄", "Huang"],
  ["周", "Zhou"],
  ["吴", "Wu"],
  ["徐", "Xu"],
  ["孙", "Sun"],
  ["胡", "Hu"],
  ["朱", "Zhu"],
  ["高", "Gao"],
  ["林", "Lin"],
  ["何", "He"],
  ["郭", "Guo"],
  ["马", "Ma"],
  ["罗", "Luo"],
  ["梁", "Liang"],
  ["宋", "Song"],
  ["郑", "Zheng"],
  ["韩", "Han"],
];

const GIVEN_NAMES: readonly [string, string][] = [
  ["伟", "Wei"],
  ["芳", "Fang"],
  ["娜", "Na"],
  ["敏", "Min"],
  ["静", "Jing"],
  ["丽", "Li"],
  ["强", "Qiang"],
  ["磊", "Lei"],
  ["军", "Jun"],
  ["洋", "Yang"],
  ["勇", "Yong"],
  ["艳", "Yan"],
  ["杰", "Jie"],
  ["娟", "Juan"],
  ["涛", "Tao"],
  ["明", "Ming"],
  ["超", "Chao"],
  ["秀英", "Xiuying"],
  ["霞", "Xia"],
  ["平", "Ping"],
  ["刚", "Gang"],
  ["鹏", "Peng"],
  ["雪", "Xue"],
  ["凯", "Kai"],
  ["红", "Hong"],
  ["悦", "Yue"],
  ["宁", "Ning"],
  ["博", "Bo"],
  ["欣", "Xin"],
  ["浩", "Hao"],
];

export interface PersonName {
  /** Login id, e.g. zhang.wei or zhang.wei2 when zhang.wei is taken. */
  id: string;
  /** Display name, e.g. 张伟 (Zhang Wei). */
  display: string;
  /** Letters only, for handles: zhangwei. */
  plain: string;
}

/**
 * A person whose login id is not in `taken` (which it then joins). Login ids are unique across
 * the estate, like real directory accounts, and never shadow a platform approver.
 */
export function personName(rng: Random, taken: Set<string>): PersonName {
  const [surnameZh, surname] = rng.pick(SURNAMES);
  const [givenZh, given] = rng.pick(GIVEN_NAMES);
  const base = `${surname}.${given}`.toLowerCase();
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
  taken.add(id);
  return {
    id,
    display: `${surnameZh}${givenZh} (${surname} ${given})`,
    plain: `${surname}${given}`.toLowerCase(),
  };
}

export interface BusinessSystem {
  /** Prefix of the system's workload names. */
  name: string;
  /** What it does, as a noun phrase that starts a sentence. */
  what: string;
}

export const SYSTEMS: readonly BusinessSystem[] = [
  { name: "approval", what: "Administrative approval" },
  { name: "licensing", what: "Licence applications and renewals" },
  { name: "subsidy", what: "Subsidy applications and payments" },
  { name: "inspection", what: "Field inspections and enforcement records" },
  { name: "archive", what: "Electronic archives" },
  { name: "petition", what: "Complaints and petitions" },
  { name: "permit", what: "Permit processing" },
  { name: "registry", what: "Registration records" },
  { name: "dispatch", what: "Dispatch of field staff" },
  { name: "gis", what: "Geographic information and map services" },
  { name: "payment", what: "Fee collection and payments" },
  { name: "survey", what: "Surveys and statistical returns" },
  { name: "asset", what: "Public asset management" },
  { name: "case", what: "Case management" },
  { name: "credit", what: "Credit records" },
  { name: "project", what: "Project approval and tracking" },
  { name: "document", what: "Official document exchange" },
  { name: "procurement", what: "Contracts and procurement" },
  { name: "booking", what: "Appointment booking" },
  { name: "sensor", what: "Sensor data collection" },
];
