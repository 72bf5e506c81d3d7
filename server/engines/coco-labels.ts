// The 80 COCO classes that the CenterNet detector (shipped in @vladmandic/human) knows, in
// its output order, with the Chinese names and categories the engines answer with.
//
// kind: 'vehicle' → RecognizeCar, 'goods' → DetectProduct (with `parents`, the category
// path), 'weapon' → ImageModeration TERRORISM; everything is a DetectLabel label.
// first/second: DetectLabel's FirstCategory/SecondCategory.

export type CocoKind = 'person' | 'vehicle' | 'goods' | 'weapon' | 'animal' | 'other';

export interface CocoClass {
  readonly en: string;
  readonly zh: string;
  readonly kind: CocoKind;
  readonly first: string;
  readonly second: string;
  /** Goods only: DetectProduct's Parents, "商品-<group>". */
  readonly parents?: string;
}

type Row = [en: string, zh: string, kind: CocoKind, first: string, second: string, parents?: string];

const ROWS: Row[] = [
  ['person', '人', 'person', '人物', '人'],
  ['bicycle', '自行车', 'other', '交通工具', '非机动车'],
  ['car', '汽车', 'vehicle', '交通工具', '汽车'],
  ['motorcycle', '摩托车', 'vehicle', '交通工具', '摩托车'],
  ['airplane', '飞机', 'other', '交通工具', '飞机'],
  ['bus', '公共汽车', 'vehicle', '交通工具', '汽车'],
  ['train', '火车', 'other', '交通工具', '火车'],
  ['truck', '卡车', 'vehicle', '交通工具', '汽车'],
  ['boat', '船', 'other', '交通工具', '船舶'],
  ['traffic light', '红绿灯', 'other', '场景', '街道设施'],
  ['fire hydrant', '消防栓', 'other', '场景', '街道设施'],
  ['stop sign', '停车标志', 'other', '场景', '街道设施'],
  ['parking meter', '停车计时器', 'other', '场景', '街道设施'],
  ['bench', '长椅', 'other', '场景', '街道设施'],
  ['bird', '鸟', 'animal', '动物', '鸟类'],
  ['cat', '猫', 'animal', '动物', '宠物'],
  ['dog', '狗', 'animal', '动物', '宠物'],
  ['horse', '马', 'animal', '动物', '家畜'],
  ['sheep', '羊', 'animal', '动物', '家畜'],
  ['cow', '牛', 'animal', '动物', '家畜'],
  ['elephant', '大象', 'animal', '动物', '野生动物'],
  ['bear', '熊', 'animal', '动物', '野生动物'],
  ['zebra', '斑马', 'animal', '动物', '野生动物'],
  ['giraffe', '长颈鹿', 'animal', '动物', '野生动物'],
  ['backpack', '背包', 'goods', '物品', '箱包', '商品-箱包'],
  ['umbrella', '雨伞', 'goods', '物品', '日用品', '商品-日用品'],
  ['handbag', '手提包', 'goods', '物品', '箱包', '商品-箱包'],
  ['tie', '领带', 'goods', '物品', '服饰', '商品-服饰'],
  ['suitcase', '行李箱', 'goods', '物品', '箱包', '商品-箱包'],
  ['frisbee', '飞盘', 'goods', '物品', '运动用品', '商品-运动户外'],
  ['skis', '滑雪板', 'goods', '物品', '运动用品', '商品-运动户外'],
  ['snowboard', '单板滑雪板', 'goods', '物品', '运动用品', '商品-运动户外'],
  ['sports ball', '球', 'goods', '物品', '运动用品', '商品-运动户外'],
  ['kite', '风筝', 'goods', '物品', '玩具', '商品-玩具'],
  ['baseball bat', '棒球棒', 'weapon', '物品', '运动用品'],
  ['baseball glove', '棒球手套', 'goods', '物品', '运动用品', '商品-运动户外'],
  ['skateboard', '滑板', 'goods', '物品', '运动用品', '商品-运动户外'],
  ['surfboard', '冲浪板', 'goods', '物品', '运动用品', '商品-运动户外'],
  ['tennis racket', '网球拍', 'goods', '物品', '运动用品', '商品-运动户外'],
  ['bottle', '瓶子', 'goods', '物品', '餐具', '商品-饮品容器'],
  ['wine glass', '酒杯', 'goods', '物品', '餐具', '商品-餐具'],
  ['cup', '杯子', 'goods', '物品', '餐具', '商品-餐具'],
  ['fork', '叉子', 'goods', '物品', '餐具', '商品-餐具'],
  ['knife', '刀', 'weapon', '物品', '餐具'],
  ['spoon', '勺子', 'goods', '物品', '餐具', '商品-餐具'],
  ['bowl', '碗', 'goods', '物品', '餐具', '商品-餐具'],
  ['banana', '香蕉', 'goods', '食物', '水果', '商品-食品-水果'],
  ['apple', '苹果', 'goods', '食物', '水果', '商品-食品-水果'],
  ['sandwich', '三明治', 'goods', '食物', '快餐', '商品-食品'],
  ['orange', '橙子', 'goods', '食物', '水果', '商品-食品-水果'],
  ['broccoli', '西兰花', 'goods', '食物', '蔬菜', '商品-食品-蔬菜'],
  ['carrot', '胡萝卜', 'goods', '食物', '蔬菜', '商品-食品-蔬菜'],
  ['hot dog', '热狗', 'goods', '食物', '快餐', '商品-食品'],
  ['pizza', '披萨', 'goods', '食物', '快餐', '商品-食品'],
  ['donut', '甜甜圈', 'goods', '食物', '甜点', '商品-食品'],
  ['cake', '蛋糕', 'goods', '食物', '甜点', '商品-食品'],
  ['chair', '椅子', 'goods', '物品', '家具', '商品-家具'],
  ['couch', '沙发', 'goods', '物品', '家具', '商品-家具'],
  ['potted plant', '盆栽', 'goods', '植物', '盆栽', '商品-家居-绿植'],
  ['bed', '床', 'goods', '物品', '家具', '商品-家具'],
  ['dining table', '餐桌', 'goods', '物品', '家具', '商品-家具'],
  ['toilet', '马桶', 'goods', '物品', '卫浴', '商品-家装-卫浴'],
  ['tv', '电视', 'goods', '物品', '电子产品', '商品-家用电器'],
  ['laptop', '笔记本电脑', 'goods', '物品', '电子产品', '商品-数码-电脑'],
  ['mouse', '鼠标', 'goods', '物品', '电子产品', '商品-数码-电脑配件'],
  ['remote', '遥控器', 'goods', '物品', '电子产品', '商品-家用电器-配件'],
  ['keyboard', '键盘', 'goods', '物品', '电子产品', '商品-数码-电脑配件'],
  ['cell phone', '手机', 'goods', '物品', '电子产品', '商品-数码-手机'],
  ['microwave', '微波炉', 'goods', '物品', '家用电器', '商品-家用电器-厨房电器'],
  ['oven', '烤箱', 'goods', '物品', '家用电器', '商品-家用电器-厨房电器'],
  ['toaster', '烤面包机', 'goods', '物品', '家用电器', '商品-家用电器-厨房电器'],
  ['sink', '水槽', 'goods', '物品', '厨卫', '商品-家装-厨卫'],
  ['refrigerator', '冰箱', 'goods', '物品', '家用电器', '商品-家用电器-大家电'],
  ['book', '书', 'goods', '物品', '文化用品', '商品-图书'],
  ['clock', '钟表', 'goods', '物品', '日用品', '商品-钟表'],
  ['vase', '花瓶', 'goods', '物品', '家居饰品', '商品-家居-饰品'],
  ['scissors', '剪刀', 'weapon', '物品', '日用品'],
  ['teddy bear', '泰迪熊', 'goods', '物品', '玩具', '商品-玩具'],
  ['hair drier', '吹风机', 'goods', '物品', '家用电器', '商品-家用电器-个护电器'],
  ['toothbrush', '牙刷', 'goods', '物品', '日用品', '商品-个护'],
];

export const COCO_CLASSES: readonly CocoClass[] = Object.freeze(
  ROWS.map(([en, zh, kind, first, second, parents]) => Object.freeze({ en, zh, kind, first, second, ...(parents ? { parents } : {}) })),
);

/** Class of a detector output index; undefined for an index outside the table. */
export function cocoClass(index: number): CocoClass | undefined {
  return Number.isInteger(index) ? COCO_CLASSES[index] : undefined;
}
