"""Write the recorded TRS / gov.cn / 博达 VSB / generic sites under tests/sites/ and their _gold.json.

The reports are authored here (heading, review, targets, tasks, closing built from the
paragraphs below, with each region's own figures), so ``_gold.json`` is the truth the pages
were written from, not an extractor's reading of them. Run once after editing, review the diff::

    .venv/bin/python tests/support/sitegen_cms.py
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SITES = Path(__file__).parents[1] / "sites"
CN_NUM = "〇一二三四五六七八九十"


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals (十六, 二十一)."""
    tens, ones = divmod(n, 10)
    return (CN_NUM[tens] if tens > 1 else "") + ("十" if tens else "") + (CN_NUM[ones] if ones else "")


@dataclass
class Report:
    """One authored report and where it is published."""

    region: str
    short: str
    level: str  # 省 / 市 / 县 / 州
    year: int
    speaker: str
    term: int
    session: int
    delivered: tuple[int, int]  # month, day
    published: str
    features: list[str]
    seed: str = ""
    title_line: bool = True
    lines: list[str] = field(default_factory=list)

    @property
    def role(self) -> str:
        return {"省": "省长", "市": "市长", "县": "县长", "州": "州长"}[self.level]

    @property
    def title(self) -> str:
        return f"{self.year}年{self.region}政府工作报告"

    @property
    def delivered_on(self) -> str:
        return f"{self.year}-{self.delivered[0]:02d}-{self.delivered[1]:02d}"

    def text_lines(self) -> list[str]:
        if not self.lines:
            self.lines = write_report(self)
        return self.lines


REVIEW = [
    "过去一年，面对复杂严峻的外部环境和艰巨繁重的改革发展稳定任务，全{lv}上下坚持稳中求进工作总基调，经济社会发展主要目标任务顺利完成。全年地区生产总值达到{gdp}亿元，增长{g1}%；一般公共预算收入{rev}亿元，增长{g2}%；城乡居民人均可支配收入分别增长{g3}%和{g4}%。",
    "产业转型步伐加快。规模以上工业增加值增长{g5}%，新培育国家级专精特新“小巨人”企业{k1}家、高新技术企业{k2}家，先进制造业增加值占规模以上工业比重提高到{p1}%。",
    "项目投资有力有效。{k3}个重点项目完成年度投资{inv}亿元，新开工亿元以上项目{k4}个，固定资产投资增长{g6}%，一批打基础、利长远的重大项目落地见效。",
    "改革开放持续深化。数字政府建设加快推进，{k5}项政务服务事项实现“一网通办”，新增经营主体{k6}万户；外贸进出口总额{trade}亿元，实际利用外资增长{g7}%。",
    "城乡面貌不断改善。完成老旧小区改造{k7}个，新建改建农村公路{k8}公里，{k9}个行政村达到美丽宜居村标准，城乡生活垃圾无害化处理实现全覆盖。",
    "生态环境持续向好。空气质量优良天数比例达到{p2}%，地表水国考断面水质优良率保持100%，完成造林绿化{k10}万亩，林长制、河湖长制全面落实。",
    "民生福祉稳步提升。民生类支出占一般公共预算支出比重达{p3}%，城镇新增就业{k11}万人，新建改扩建公办中小学和幼儿园{k12}所，基本医疗保险参保率稳定在95%以上。",
    "安全底线守牢守稳。安全生产事故起数和死亡人数实现“双下降”，防汛抗旱、森林防火工作扎实有效，平安{s}建设群众满意度连续{k15}年提升。",
    "政府自身建设不断加强。自觉接受人大法律监督、工作监督和政协民主监督，办理人大代表建议{k13}件、政协提案{k14}件，办复率100%。",
]
PROBLEMS = [
    "在肯定成绩的同时，我们也清醒看到，发展中还存在不少困难和问题：经济回升向好的基础还不牢固，科技创新能力还不够强，城乡区域发展不够平衡，民生保障还有不少短板，少数政府工作人员担当作为不够。对此，我们一定直面问题，采取有力措施，认真加以解决。",
    "我们也清醒地认识到，{s}发展仍面临不少挑战：产业层次总体不高，新旧动能转换还需加力；重大项目储备不够充足，财政收支矛盾较为突出；公共服务供给与群众期盼还有差距。我们将以更大的力度、更实的举措加以解决，决不辜负人民的期待。",
]
TARGETS = (
    "{y}年经济社会发展的主要预期目标是：地区生产总值增长{t1}%左右，一般公共预算收入增长{t2}%，"
    "固定资产投资增长{t3}%，社会消费品零售总额增长{t4}%，城乡居民人均可支配收入增长与经济增长基本同步，"
    "居民消费价格涨幅控制在3%左右，完成上级下达的节能降碳和环境质量目标。"
)
TASKS = [
    ("坚持项目为王，着力扩大有效投资", "全年安排重点项目{k16}个、年度计划投资{inv2}亿元，实行项目清单化管理、节点化推进。加快交通、水利、能源等基础设施建设，推动{k17}个续建项目尽早投产达效，用好地方政府专项债券，积极引导民间资本参与重点领域建设。"),
    ("坚持制造业当家，加快建设现代化产业体系", "实施先进制造业集群培育行动，推动传统产业高端化、智能化、绿色化改造，全年完成技术改造投资{inv3}亿元以上。大力发展新能源、新材料、高端装备等新兴产业，新增规模以上工业企业{k18}家，让更多“链主”企业扎根{s}。"),
    ("坚持创新驱动，增强高质量发展新动能", "全社会研究与试验发展经费投入强度力争达到{p4}%，新建省级以上创新平台{k19}个。深化产学研合作，完善科技成果转化激励机制，落实人才引进“一站式”服务，全年引进培育各类人才{k20}人。"),
    ("坚持扩大内需，持续激发消费活力", "落实促消费政策，办好美食节、购物节等消费活动，培育夜间经济集聚区{k21}个。提升县域商业体系，推动电商进农村，发展直播电商、即时零售等新业态，让消费潜力充分释放。"),
    ("坚持城乡融合，全面推进乡村振兴", "稳定粮食播种面积{k22}万亩，新建高标准农田{k23}万亩，确保粮食产量稳中有增。做强特色农业，培育农业产业化龙头企业，巩固拓展脱贫攻坚成果，促进农民收入持续较快增长，建设宜居宜业和美乡村。"),
    ("坚持绿色发展，建设人与自然和谐共生的美丽{s}", "深入打好蓝天、碧水、净土保卫战，持续推进重点流域综合治理，推动能耗双控逐步转向碳排放双控。推进生态保护修复，创建绿美乡村{k24}个，让绿水青山成为{s}最亮丽的底色。"),
    ("坚持改革开放，持续优化营商环境", "深化“放管服”改革，推行“高效办成一件事”，企业开办时间压缩至1个工作日以内。全面落实减税降费政策，依法保护民营企业产权和企业家权益，积极融入国内国际双循环，全年新引进亿元以上项目{k25}个。"),
    ("坚持民生优先，办好群众期盼的实事", "健全就业公共服务体系，做好高校毕业生、退役军人、农民工等重点群体就业工作。推进优质教育资源扩容，新增学位{k26}个；深化医药卫生体制改革，完善养老服务网络，集中力量办好{k27}件民生实事。"),
    ("坚持统筹发展和安全，建设更高水平的平安{s}", "全面落实安全生产责任制，深入开展重点行业领域安全隐患排查整治。防范化解政府债务风险，守住不发生系统性风险底线。坚持和发展新时代“枫桥经验”，健全矛盾纠纷多元化解机制，维护社会大局和谐稳定。"),
]
SELF = "新征程上，我们将始终坚持党的全面领导，深入推进依法行政，自觉接受各方面监督，驰而不息纠治“四风”，以政府过紧日子换取群众过好日子，努力建设人民满意的服务型政府。"
CLOSING = "各位代表！{slogan}。让我们更加紧密地团结在以习近平同志为核心的党中央周围，在{party}的坚强领导下，踔厉奋发、勇毅前行，为{goal}而努力奋斗！"
SLOGANS = ["新时代呼唤新担当，新征程需要新作为", "蓝图已经绘就，奋进正当其时", "时代考卷催人奋进，民生答卷凝心聚力", "征程万里风正劲，重任千钧再奋蹄"]


def _figures(rng: random.Random) -> dict[str, Any]:
    f: dict[str, Any] = {}
    for key in ("g1", "g2", "g3", "g4", "g5", "g6", "g7", "t1", "t2", "t3", "t4"):
        f[key] = f"{rng.uniform(3.0, 9.5):.1f}"
    for key, low, high in (("gdp", 180, 4200), ("rev", 12, 320), ("inv", 40, 900), ("inv2", 60, 1200), ("inv3", 15, 300), ("trade", 20, 1800)):
        f[key] = f"{rng.uniform(low, high):.1f}"
    for n in range(1, 28):
        f[f"k{n}"] = rng.randint(3, 260)
    f["k15"] = rng.randint(2, 8)  # years in a row
    for key in ("k6", "k10", "k11"):  # 万户, 万亩, 万人
        f[key] = f"{rng.uniform(0.8, 9.6):.1f}"
    for key in ("p1", "p2", "p3"):
        f[key] = f"{rng.uniform(52, 97):.1f}"
    f["p4"] = f"{rng.uniform(1.2, 3.1):.2f}"
    return f


def write_report(r: Report) -> list[str]:
    """The report's paragraphs, one per line."""
    rng = random.Random(f"{r.region}/{r.year}/{r.seed}")
    lv = {"省": "省", "市": "市", "县": "县", "州": "州"}[r.level]
    values = {**_figures(rng), "lv": lv, "s": r.short, "y": r.year}
    council = f"{lv}政协" if r.level != "州" else "州政协"
    month, day = r.delivered
    lines = ["政府工作报告"] if r.title_line else []
    lines += [
        f"——{r.year}年{month}月{day}日在{r.region}第{cn_number(r.term)}届人民代表大会第{cn_number(r.session)}次会议上",
        f"{r.region}人民政府{r.role} {r.speaker}",
        "各位代表：",
        f"现在，我代表{r.region}人民政府，向大会报告政府工作，请予审议，并请{council}委员和其他列席人员提出意见。",
        f"一、{r.year - 1}年工作回顾",
    ]
    review = [REVIEW[0], *sorted(rng.sample(REVIEW[1:], 5), key=REVIEW.index)]
    lines += [p.format(**values) for p in review]
    lines += [rng.choice(r.features).format(**values)]
    lines += [rng.choice(PROBLEMS).format(**values)]
    lines += [f"二、{r.year}年主要目标和重点工作", TARGETS.format(**values)]
    tasks = sorted(rng.sample(TASKS, 6), key=TASKS.index)
    for n, (head, body) in enumerate(tasks, 1):
        lines.append(f"（{cn_number(n)}）{head.format(**values)}。{body.format(**values)}")
        if n == 2:
            lines.append(rng.choice(r.features).format(**values))
    lines += ["三、全面加强政府自身建设", SELF]
    party = {"省": "省委", "市": "市委", "县": "县委", "州": "州委"}[r.level]
    lines.append(CLOSING.format(slogan=rng.choice(SLOGANS), party=party, goal=GOALS[r.short]))
    return list(dict.fromkeys(lines))


GOALS = {
    "江门": "奋力打造珠江西岸新增长极和沿海经济带上的江海门户",
    "台山": "加快建设侨乡强市、海洋大市",
    "开平": "建设更高水平的世界文化遗产名城",
    "鹤山": "打造大湾区西翼高质量发展示范城市",
    "广东": "在推进中国式现代化建设中走在前列",
    "浙江": "奋力谱写中国式现代化浙江新篇章",
    "四川": "全面建设社会主义现代化四川",
    "江苏": "谱写“强富美高”新江苏现代化建设新篇章",
    "山东": "走在前、开新局",
    "河南": "确保高质量建设现代化河南",
    "湖南": "全面落实“三高四新”战略定位和使命任务",
    "湖北": "加快建成支点、走在前列",
    "石屏": "建设生态美、产业兴、百姓富的新石屏",
    "红河": "奋力谱写红河高质量跨越式发展新篇章",
    "永州": "加快建设现代化新永州",
    "宁远": "建设舜德宁远、开放宁远、幸福宁远",
    "道县": "奋力建设湘南开放发展示范县",
    "新田": "全力打造富饶美丽幸福新新田",
    "东安": "加快建设湘桂边界经济强县",
    "江永": "建设世界女书文化旅游名县",
    "双牌": "建设生态美丽幸福新双牌",
    "龙港": "奋力打造新型城镇化改革全国样板",
}
FEATURES = {
    "江门": ["深度参与粤港澳大湾区建设，大广海湾经济区开发提速，深江铁路、珠西综合交通枢纽江门站加快建设，{k3}家港澳企业落户江门。", "“侨都赋能”工程持续推进，举办世界江门青年大会，吸引{k6}个海外侨胞投资项目落地，侨乡文化金名片更加闪亮。", "江门人才岛建设全面提速，新增博士后科研工作站{k19}个，“江门人才”品牌吸引力不断增强。"],
    "台山": ["台山核电二期、海上风电等重大能源项目有序推进，新能源装机容量达到{k17}万千瓦，绿色能源基地建设成效明显。", "广海湾港区建设加快，台山海鲜、台山大米等区域公用品牌影响力持续扩大，农业总产值增长{g5}%。"],
    "开平": ["开平碉楼与村落保护利用持续深化，赤坎华侨古镇文旅项目全面运营，全年接待游客{k6}万人次。", "水暖卫浴产业加快转型升级，新增智能卫浴企业{k18}家，开平“中国水口水暖卫浴王国”品牌更加响亮。"],
    "鹤山": ["鹤山工业城、共和产业园扩容提质，承接大湾区产业转移项目{k25}个，先进制造业集聚效应持续显现。", "古劳水乡、鹤山茶山等文旅资源深度开发，全域旅游收入增长{g7}%。"],
    "广东": ["横琴、前海、南沙等重大平台建设取得新突破，粤港澳大湾区国际科技创新中心建设加快推进，“百县千镇万村高质量发展工程”全面铺开。", "制造业当家“十大行动”深入实施，新一代电子信息、绿色石化、智能家电等万亿级产业集群持续壮大。"],
    "浙江": ["“八八战略”深入实施，数字经济创新提质“一号发展工程”、营商环境优化提升“一号改革工程”、“地瓜经济”提能升级“一号开放工程”全面推进。", "高质量发展建设共同富裕示范区扎实推进，山区海岛县高质量发展取得新成效，城乡居民收入倍差缩小到{p4}。"],
    "四川": ["成渝地区双城经济圈建设走深走实，“四化同步、城乡融合、五区共兴”发展战略全面实施，天府新区、成都东部新区能级持续提升。", "清洁能源优势进一步巩固，白鹤滩、两河口等大型水电站全面投产，水电装机容量稳居全国首位。"],
    "江苏": ["苏南国家自主创新示范区建设持续深化，十六个先进制造业集群和五十条重点产业链培育成效明显，集成电路、生物医药产业规模保持全国前列。", "长江经济带高质量发展和长三角一体化发展深入推进，沿江沿海港口集装箱吞吐量再创新高。"],
    "山东": ["新旧动能转换起势成势，“十强产业”行动计划深入实施，黄河流域生态保护和高质量发展重大国家战略扎实推进。", "海洋强省建设全面提速，山东港口集团货物吞吐量突破{k16}亿吨，海洋生产总值稳居全国前列。"],
    "河南": ["锚定“两个确保”，全面实施“十大战略”，郑州国家中心城市建设提质增效，郑州航空港经济综合实验区开放能级持续提升。", "粮食生产再获丰收，高标准农田建设走在全国前列，牢牢扛稳粮食安全重任。"],
    "湖南": ["中国（湖南）自由贸易试验区和中非经贸深度合作先行区建设取得新进展，“一带一部”区位优势进一步彰显。", "工程机械、轨道交通装备、中小航空发动机等产业集群加快壮大，制造强省建设迈出坚实步伐。"],
    "湖北": ["长江经济带发展战略深入实施，武汉城市圈同城化加快推进，“一主两副多极”区域发展布局不断完善。"],
    "石屏": ["石屏豆腐、杨梅、龙朋桑蚕等高原特色产业提质增效，新建标准化杨梅基地{k22}亩，特色农产品品牌效益持续提升。", "异龙湖保护治理成效明显，湖泊水质持续改善，石屏古城保护修缮和文旅融合发展迈出新步伐。"],
    "红河": ["红河综合保税区、河口跨境经济合作区建设加快，面向东南亚开放的前沿窗口作用日益凸显。", "哈尼梯田世界文化遗产保护利用不断加强，“梯田红米”等特色品牌走向全国，带动群众持续增收。"],
    "永州": ["湘南湘西承接产业转移示范区建设深入推进，粤港澳大湾区产业转移项目落地{k25}个，永州经济技术开发区综合排名持续提升。", "“永州之野”农业品牌影响力不断扩大，粤港澳大湾区“菜篮子”生产基地达到{k23}个。"],
    "宁远": ["九嶷山舜帝陵景区提质升级，舜德文化品牌进一步擦亮，全域旅游接待人次增长{g7}%。", "宁远工业园区扩区调区顺利完成，电子信息、新材料产业集聚发展。"],
    "道县": ["道县农高园建设加快，脐橙、蔬菜产业提质增效，“道州灰鸭”成功入选国家农产品地理标志。", "濂溪故里文化品牌持续擦亮，湘南开放发展示范县建设迈出新步伐。"],
    "新田": ["新田富硒农业品牌全面打响，富硒产业综合产值增长{g5}%，“新田富硒”入选省级区域公用品牌。", "新田经济开发区承接产业转移成效明显，新入园企业{k18}家。"],
    "东安": ["东安鸡、东安米粉等特色产业链加快延伸，舜皇山国家森林公园创建取得新进展。", "东安经济开发区创建省级高新区工作稳步推进，新能源装备产业初具规模。"],
    "江永": ["女书文化保护传承和创新发展成效明显，千年古村上甘棠、勾蓝瑶寨旅游持续升温。", "江永香柚、香芋、香姜“三香”产业提质扩面，农产品出口实现新突破。"],
    "龙港": ["“大部制、扁平化、低成本、高效率”改革持续深化，“市管社区”治理模式不断完善，{k5}项政务服务事项实现就近办理。", "印刷包装、新型材料等产业加快转型，新增规模以上工业企业{k18}家，龙港新城建设全面提速。"],
    "双牌": ["阳明山国家森林公园、桐子坳银杏景区提质升级，生态旅游成为县域经济新增长点。", "双牌竹木产业加快转型，竹木精深加工产值增长{g6}%。"],
}


def report(region: str, short: str, level: str, year: int, speaker: str, term: int, session: int,
           delivered: tuple[int, int], published: str, **kw: Any) -> Report:
    return Report(region, short, level, year, speaker, term, session, delivered, published, FEATURES[short], **kw)


def write(host: str, path: str, text: str, encoding: str = "utf-8") -> None:
    file = SITES / host / path.lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(text.encode(encoding))


def write_json(host: str, name: str, data: Any) -> None:
    (SITES / host / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")


def paragraphs(lines: list[str], centred: int = 0) -> str:
    """Lines as TRS/VSB editor paragraphs, the first ``centred`` ones centred."""
    out = []
    for n, line in enumerate(lines):
        if n < centred:
            out.append(f'<p style="text-align: center;">{line}</p>')
        elif line.startswith(("一、", "二、", "三、")):
            out.append(f'<p style="text-indent: 2em;"><strong>{line}</strong></p>')
        else:
            out.append(f'<p style="text-indent: 2em;">{line}</p>')
    return "\n".join(out)


def centred_count(r: Report) -> int:
    return (1 if r.title_line else 0) + 2


def report_gold(url: str, r: Report, **extra: Any) -> dict[str, Any]:
    lines = r.text_lines()
    return {
        "url": url, "is_report": True, "status": 200, "title": r.title, "published": r.published,
        "region": r.region, "year": r.year, "delivered_on": r.delivered_on, "speaker": r.speaker,
        "first_line": lines[0], "last_line": lines[-1], "chars": sum(map(len, lines)), **extra,
    }


def other_gold(url: str, title: str, is_report: bool = False, status: int = 200, **extra: Any) -> dict[str, Any]:
    return {"url": url, "is_report": is_report, "status": status, "title": title, **extra}


if __name__ == "__main__":
    from sitegen_sites import build_all  # noqa: E402 - the site templates live next to this module

    build_all()
