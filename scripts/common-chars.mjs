#!/usr/bin/env node
// Writes src/core/ingest/common-chars.ts, the frequent characters the encoding scorer counts
// (src/core/ingest/encoding-score.ts). The lists below are written by hand; TRADITIONAL is
// derived: the simplified list's characters that Big5 holds (Node's TextDecoder decides), plus
// the traditional forms of the others.
// Run: node scripts/common-chars.mjs && npx prettier --write src/core/ingest/common-chars.ts
import { writeFileSync } from 'node:fs';

const SIMPLIFIED_FREQ =
	'的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趋曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操耶阻订彩抽赞魔纷沿喊违妹浪汇币丰蓝殊献桌啦瓦莱援译夺汽烧距裁偏符勇触课敬哭懂墙袭召罚侠厅拜巧侧韩冒债曼融惯享戴童犹乘挂奖绍厚纵障讯涉彻刊丈爆乌役描洗玛患妙镜唱烦签仙彼弗症仿倾牌陷鸟轰咱菜闭奋庆撤泪茶疾缘播朗杜奶季丹狗尾仪偷奔珠虫驻孔宜艾桥淡翼恨繁寒伴叹旦愈潮粮缩罢聚径恰挑袋灰捕徐珍幕映裂泰隔启尖忠累炎暂估泛荒偿横拒瑞忆孤鼻闹羊呆厉衡胞零穷舍码赫婆魂灾洪腿胆津俗辩胸晓劲贫仁偶辑邦恢赖圈摸仰润堆碰艇稍迟辆废净凶署壁御奉旋冬矿抬蛋晨伏吹鸡倍糊秦盾杯租骑乏隆诊奴摄丧污渡旗甘耐凭扎抢绪粗肩梁幻菲皆碎宙叔岩荡综爬荷悉蒂返井壮薄悄扫敏碍殖详迪矛霍允幅撒剩凯颗骂赏液番箱贴漫酸郎腰舒眉忧浮辛恋餐吓挺励辞艘键伍峰尺昨黎辈贯侦滑券崇扰宪绕趣';
// Words of order and customer exports (headers, products, places) that the list above misses.
const SIMPLIFIED_SHOP =
	'客户订单号金额日期时间名称数量价格商品区域会员实付款支收货省市县地址电话手机姓性别年龄注册状态退完成待发类别品牌备注合计总折扣优惠运费渠道门店编码码账号邮箱籍贯职业收入微信淘宝京东天猫拼多多绿茶咖啡蛋糕奶茶面包牛奶水果蔬菜衣服鞋包北京上海广州深圳杭州南京成都重庆武汉西安天津苏州郑州长沙沈阳青岛宁波厦门福建浙江江苏广东山东河南河北湖南湖北四川云贵州陕甘肃辽吉黑龙内蒙古新疆西藏宁夏青海海南台湾香港澳门元角分件箱套瓶袋盒杯斤克公升米厘已未否是男女张王李赵陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
// Traditional forms of frequent characters whose simplified form Big5 does not hold.
const TRADITIONAL_PAIRS =
	'這個們來國說為時會對過發後從點問經現當動實體還進種樣長開關頭見車業東電話員書區議義邊應傳號單訂額戶貨價稱數費買賣優級類別產務報場組織線網絡統計設備條項標準質變兩幾麼嗎沒讓給與萬門間聞陽陰陳張劉楊黃趙吳孫馬羅鄭謝韓馮鄧許蘇盧蔣賈葉閻鍾譚鄒陸顧龍錢湯喬賀賴龔臺灣廣華麗樂歲歷節機構學習認識讀寫聽講記論證請談調試訴該語詞誤總結紅綠藍紙細終續維繼練約紀紹緊純編鐵銀錯鐘鎮針閉閃閱隊階際險難須領題顏風飛飯館駛驗魚鳥雞齊億僅眾傷倫兒興農衝決況淨減擊劃則剛創劇辦勞勢醫協衛廠壓縣參雙嘆啟響團園圍圖圓塊壞處復奪奮婦寧寶憲導壽將層島幣師帶幫莊庫廟異強歸錄憶態惡驚慣戰擴掃揚護擔擁擇換據損揮舉絲嚴豐臨烏亂爭虧亞親儀偉購貿資賽趕轉輪軟輕載較輛輯輸達運遠連遲選遞適遺郵鄰醬釋裏鑑鈴鏈銷鎖鍋鏡閒陣隨隱靜頁頂順預頻飲飾駕鮮鴨齒註冊狀態運費門渠讀貨';
const JAPANESE_KANJI =
	'日一国人年大十二本中長出三時行見月後前生五間上東四今金九入学高円子外八六下来気小七山話女北午百書先名川千水半男西電校語土木聞食車何南万毎白天母火右読友左休父雨会同事自社発者地業方新場員立開手力問代明動京目通言理体田主題意不作用度強公持野以思家世多正安院心界教文元重近考画海売知道集別物使品計死特私始朝運終台広住真有口少町料工建空急止送切転研足究楽起着店病質待試族銀早映親験英医仕去味写字答夜音注帰古歌買悪図週室歩風紙黒花春赤青館屋色走秋夏習駅洋旅服夕借曜飲肉貸堂鳥飯勉冬昼茶弟牛魚兄犬妹姉漢様込済税額顧客価格数量合計支払法状態番号区県市郵便所氏緑菓阪福岡札幌横浜神戸都株式個割引配達未処理商注文付単位在庫販';
const HANGUL =
	'이다의는에가하고을를지기서사자리도나로일한대정수어시아인그주제구해있전보우니부상면게요으여들화장원성소만조국과적경문라동세스것신말중했내무유마생개오비진되공연식위실미안모거저회학파선치관트분래방간물데까께야없년월날짜금액번호품객명름량격합계결좌체할쿠폰포립용남별입등급반골드버브론즈플티넘몬김박최강윤임권황송류홍양손배백허심노곽차민엄채천현함변염추석설길표왕옥육맹탁은편예봉복태목형피두감음빈온범팽승갈단견당울산광충북커녹케크빵태완료취환불송준확카드습합니까았었겠됩세때터와랑서울경기강원충청전라경상제주특별광역도군읍면동리';

const uniq = (s) => [...new Set([...s])].join('');
const simplified = uniq(SIMPLIFIED_FREQ + SIMPLIFIED_SHOP);

// Big5 main range (A440–F9FE, without the HKSCS additions): which characters it holds.
const big5 = new Set();
const dec = new TextDecoder('big5', { fatal: true });
const trails = [];
for (let b = 0x40; b <= 0x7e; b++) trails.push(b);
for (let b = 0xa1; b <= 0xfe; b++) trails.push(b);
for (let a = 0xa4; a <= 0xf9; a++) {
	for (const b of trails) {
		try {
			big5.add(dec.decode(new Uint8Array([a, b])));
		} catch {
			// not a character of Big5
		}
	}
}
const traditional = uniq([...simplified].filter((c) => big5.has(c)).join('') + TRADITIONAL_PAIRS);
const missing = [...uniq(TRADITIONAL_PAIRS)].filter((c) => !big5.has(c));
if (missing.length) console.error('not in Big5 main range:', missing.join(''));
const kanji = uniq(JAPANESE_KANJI);
const hangul = uniq(HANGUL);

const wrap = (s) => {
	const out = [];
	for (let i = 0; i < s.length; i += 45) out.push(`\t'${s.slice(i, i + 45)}'`);
	return out.join(' +\n');
};
const file = `/**
 * Frequent characters per script, the evidence the encoding scorer (encoding-score.ts) counts.
 * Written by scripts/common-chars.mjs (the hand-made lists are there; Big5 decides TRADITIONAL).
 * A byte sequence decoded in the wrong double-byte encoding still gives valid characters, but
 * rarely frequent ones: in real text a few hundred characters make up most of the running text.
 *
 * - SIMPLIFIED: about 1,350 of the most frequent characters of modern Chinese text, plus the
 *   words of order and customer exports (headers, products, cities, surnames): ${simplified.length.toLocaleString('en')} in all.
 * - TRADITIONAL: those of them that Big5 holds, plus the traditional forms of the others.
 * - JAPANESE_KANJI: frequent kanji of Japanese text and shop exports (kana count by range).
 * - HANGUL: frequent Hangul syllables of Korean text and shop exports.
 */

export const SIMPLIFIED =
${wrap(simplified)};

export const TRADITIONAL =
${wrap(traditional)};

export const JAPANESE_KANJI =
${wrap(kanji)};

export const HANGUL =
${wrap(hangul)};
`;
writeFileSync(new URL('../src/core/ingest/common-chars.ts', import.meta.url), file);
