import type { DiscountProblem } from '../../core/discount';
import type { Message } from '../format';
import { cardBrandName, type Messages } from './en-US';

/** Simplified Chinese. Counts take the general measure word 件; Chinese punctuation throughout. */

type Line = { name: string; quantity: number };

const count = (quantity: number, name: string): string => `${quantity} 件${name}`;
const lineList = (lines: Line[]): Message => (say) => say.list(lines.map((line) => say.count(line.quantity, line.name)));
const sayOrSend = (voice: boolean): string => (voice ? '说出' : '发送');

const STATUS_WORDS: Record<string, string> = {
  pending: '正在下单',
  placed: '已下单',
  paid: '已付款，等待打包',
  packed: '已打包，等待发货',
  shipped: '正在配送',
  delivered: '已送达',
  cancelled: '已取消',
  returned: '已退货',
  refunded: '已退款',
  failed: '下单未成功',
  awaiting_payment: '等待付款',
};

const DISCOUNT_PROBLEMS: Record<DiscountProblem, string> = {
  unknown: '不是我们的折扣码',
  inactive: '已被撤回',
  'not-yet-valid': '尚未生效',
  expired: '已过期',
  'below-minimum': '需要更高的购物金额',
  'no-eligible-items': '不适用于您购物车中的任何商品',
  'used-up': '已用完',
};

export const zhCN: Messages = {
  welcome: (sellerName, hasOrders) => () =>
    hasOrders ? `欢迎回到${sellerName}。您可以再来一单常买的东西、查询订单，或者告诉我您需要什么。` : `欢迎来到${sellerName}。告诉我您需要什么，比如“加两袋哥伦比亚咖啡”，或者让我推荐礼物。`,
  welcomeReprompt: () => () => '您想做什么？',
  help: () => (say) =>
    say.voice
      ? '您可以询问商品、加入购物车、结账、再来一单常买的、查询订单在哪里，或者取消订单。您想做什么？'
      : '您可以搜索（“看看茶”）、添加商品（“加2个绿茶”）、结账、再来一单（“老样子”）、问“我的订单在哪”、取消订单、挑选礼物，或者发送“人工”联系客服。',
  goodbye: () => () => '再见，感谢您的光临。',
  fallback: () => (say) => (say.voice ? '抱歉，我没听清。您可以说：加咖啡、结账，或者我的订单在哪。' : '抱歉，我没看懂。试试“加2个绿茶”、“结账”、“老样子”或“帮助”。'),
  anythingElse: () => () => '还需要别的吗？',

  searchResults: (names) => (say) => `我找到了：${say.list(names)}。您想要哪一个？`,
  didYouMean: (names) => (say) => `您是指${say.list(names, 'or')}吗？`,
  whichProduct: () => () => '您想要哪件商品？',
  notFound: (said) => () => `抱歉，我们的商品目录里没有找到“${said}”。`,
  price: (name, priceMinor) => (say) => `${name}的价格是${say.money(priceMinor)}。`,
  inStock: (name, stock) => () => (stock > 0 ? `有的，${name}有货。` : `抱歉，${name}暂时缺货。`),
  description: (name, description) => () => `${name}：${description}`,
  rating: (name, rating, reviews, summary) => () => `${name}的评分是 ${rating} 分（满分 5 分），共 ${reviews} 条评价。${summary}`,
  noRating: (name) => () => `${name}还没有评价。`,
  addIt: (name) => () => `要把${name}加入购物车吗？`,
  offerStockAlert: (name) => () => `${name}到货时要通知您吗？`,
  stockAlertSet: (name) => () => `${name}到货时我会通知您。`,
  alreadyInStock: (name) => () => `好消息：${name}现在有货了。`,

  added: (quantity, name, cartTotalMinor) => (say) => `已添加${say.count(quantity, name)}。购物车合计${say.money(cartTotalMinor)}，不含税费和运费。还需要别的吗，还是现在结账？`,
  removed: (name) => () => `已从购物车删除${name}。`,
  notInCart: (name) => () => `购物车里没有${name}。`,
  cartEmpty: () => () => '您的购物车是空的。',
  cartContents: (lines, subtotalMinor) => (say) => `您的购物车里有${lineList(lines)(say)}，共${say.money(subtotalMinor)}，不含税费和运费。现在结账吗？`,
  onlyInStock: (name, available) => () => (available > 0 ? `抱歉，${name}只剩 ${available} 件了。` : `抱歉，${name}暂时缺货。`),
  repriced: (changes) => (say) => changes.map((change) => `${change.name}现在的价格是${say.money(change.toMinor)}，您加入购物车时是${say.money(change.fromMinor)}。`).join(''),

  readBack: (p) => (say) => {
    const items = say.list(p.lines.map((line) => `${say.count(line.quantity, line.name)}，${line.quantity > 1 ? '每件' : ''}${say.money(line.unitPriceMinor)}`));
    const fees = p.deliveryFeeMinor > 0 ? `税费${say.money(p.taxMinor)}和运费${say.money(p.deliveryFeeMinor)}` : `税费${say.money(p.taxMinor)}，免运费`;
    const code = p.codeRequired ? '确认后，我会请您提供语音密码。' : '';
    const payment = p.payment.kind === 'card' ? `我会从您尾号${p.payment.card.last4}的${cardBrandName(p.payment.card.brand) ?? '银行'}卡扣款。` : p.payment.kind === 'link' ? '我会发给您一个付款链接。' : '货到付款。';
    const discount = p.discount ? `使用折扣码${p.discount.code}，优惠${say.money(p.discount.amountMinor)}。` : '';
    return `您在${p.sellerName}的订单：${items}，送到${p.deliveryTo}。${discount}总计${say.money(p.totalMinor)}，含${fees}。${payment}${code}要下单吗？`;
  },
  confirmReprompt: () => () => '要下单吗？请回答是或不是。',
  askVoiceCode: () => (say) => `请${sayOrSend(say.voice)}您的四位语音密码。`,
  voiceCodeWrong: (attemptsLeft) => (say) => `密码不正确。您还有 ${attemptsLeft} 次机会。请${sayOrSend(say.voice)}您的语音密码。`,
  orderPlaced: (p) => (say) =>
    `下单成功。您的订单号是${say.orderNumber(p.orderNumber)}，总计${say.money(p.totalMinor)}。${p.receiptEmailed ? '收据已发送到您的邮箱。' : ''}您可以在 ${p.windowMinutes} 分钟内取消。`,
  orderPayment: (p) => (say) => {
    if (p.kind === 'charged') return `已从您尾号${p.card.last4}的${cardBrandName(p.card.brand) ?? '银行'}卡扣款。`;
    if (p.kind === 'in-progress') return '您的付款正在处理中。';
    const why = p.why === 'declined' ? '您的卡被拒绝了。' : p.why === 'authentication' ? '您的银行要求您确认这笔付款。' : '';
    const where = p.sentToPhone || say.voice ? '我已给您发送了付款链接' : `请在这里付款：${p.url}`;
    return `${why}${where}。我会为您保留商品${p.holdMinutes}分钟。`;
  },
  refundStarted: (amountMinor) => (say) => `${say.money(amountMinor)}的退款正在退回您的卡。`,
  cardSetupLink: (url) => () => `请在 Stripe 的安全页面添加您的银行卡：${url}`,
  addCardByChat: () => () => '要添加银行卡，请在聊天中发送“添加银行卡”。',
  cardSetupLinkSent: () => () => '我正在通过消息给您发送在 Stripe 安全页面添加银行卡的链接。如果没有收到，请在聊天中发送“添加银行卡”。',
  cardSetupLinkAlreadySent: () => () => '添加银行卡的链接已经在发送途中。如果没有收到，请在聊天中发送“添加银行卡”。',
  cardSetupPageLimit: () => () => '您今天已多次请求添加银行卡的页面，现在不再生成新的页面。请使用我上次给您的链接，或明天再试。',
  cardSetupLinkLimit: () => () => '您今天已多次索取添加银行卡的链接，现在不再发送。要添加银行卡，请在聊天中发送“添加银行卡”。',
  savedCard: (card) => () => `您保存的是尾号${card.last4}的${cardBrandName(card.brand) ?? '银行'}卡。`,
  noCardSaved: () => () => '您还没有保存银行卡。',
  cardRemoved: (card) => () => `已删除您尾号${card.last4}的${cardBrandName(card.brand) ?? '银行'}卡。`,
  noCardNeeded: () => () => '货到付款，无需银行卡。',
  checkoutCancelled: (why) => () => (why === 'changed-subject' ? '好的，那个订单我没有提交；您的购物车已保存。' : '好的，我没有提交订单。您的购物车已保存，稍后可以继续。'),
  basketChanged: () => () => '我读完订单后您的购物车有变化，下面重新读一遍。',

  // Discount codes
  discountApplied: (p) => (say) => `折扣码${p.code}优惠${say.money(p.amountMinor)}。您的购物车总计现在是${say.money(p.totalMinor)}。`,
  discountRefused: (code, problem) => () => `抱歉，折扣码${code}${DISCOUNT_PROBLEMS[problem]}。`,
  discountNoLongerApplies: (code, problem) => () => `折扣码${code}已不再适用：${DISCOUNT_PROBLEMS[problem]}，所以我已将其移除。`,
  whichDiscountCode: () => () => '您想使用哪个折扣码？',

  reorderSummary: (p) => (say) => {
    const items = say.list(p.lines.map((line) => say.count(line.quantity, line.name)));
    const notes = p.lines
      .map((line) => {
        if (line.status === 'out-of-stock' || line.status === 'unavailable') return `${line.name}目前无货。`;
        if (line.status === 'short') return `${line.name}只剩 ${line.availableQuantity} 件。`;
        if (line.status === 'repriced') return `${line.name}现在的价格是${say.money(line.priceNowMinor!)}，您上次付了${say.money(line.pricePaidMinor)}。`;
        return '';
      })
      .filter(Boolean)
      .join('');
    return `您在${say.date(p.placedAt)}的订单${say.orderNumber(p.orderNumber)}包括${items}。${notes}要按今天的价格把有货的商品加入购物车并结账吗？`;
  },
  reorderNothingAvailable: () => () => '那个订单里的商品现在都没有货，所以没有可以再来一单的。',
  noPastOrders: () => () => '没有找到可以再来一单的历史订单。',

  orderStatus: (p) => (say) => {
    const base = `${p.placedAt ? `${say.date(p.placedAt)}的` : ''}订单${say.orderNumber(p.orderNumber)}${STATUS_WORDS[p.status] ?? p.status}。`;
    const tracking = p.status === 'shipped' && p.tracking?.number ? `${p.tracking.carrier ?? '快递'}单号是${p.tracking.number}。` : '';
    const cancel = p.cancellableUntil && p.cancellableUntil > p.now && (p.status === 'placed' || p.status === 'paid') ? `您在${say.time(p.cancellableUntil)}之前还可以取消。` : '';
    return base + tracking + cancel;
  },
  noOrders: () => () => '您还没有订单。',
  confirmCancel: (orderNumber, totalMinor) => (say) => `要取消订单${say.orderNumber(orderNumber)}（${say.money(totalMinor)}）吗？`,
  orderCancelled: (orderNumber) => (say) => `订单${say.orderNumber(orderNumber)}已取消，不会向您收费。`,
  keptOrder: () => () => '好的，您的订单保持不变。',
  noOrderToCancel: () => () => '您没有还能取消的订单。',

  setCodeByText: () => () => '为了安全，请通过短信或应用设置语音密码，不要用语音设置。',
  askNewCode: () => () => '请发送您想用作语音密码的四位数字。',
  codeSet: () => () => '语音密码已设置。您用语音下单时我会向您询问。',
  codeMalformed: () => () => '语音密码必须是四位数字。请发送四位数字。',
  optedOut: () => () => '您将不再收到我们的营销消息。您下的订单仍会收到订单通知。',
  // Keyword sign-up (double opt-in on SMS): the ask is the consent wording, stored with the opt-in.
  signupAsk: (brand) => `${brand}：回复 YES 即可通过短信接收我们的优惠和活动消息，每月最多 4 条。可能产生短信和数据费用。随时回复 STOP 即可退订。`,
  signupAskHere: (brand) => `${brand}：回复 YES 即可在这里接收我们的优惠和活动消息，每月最多 4 条。随时回复 STOP 即可退订。`,
  signupConfirmed: (brand) => `订阅成功：${brand} 将向您发送优惠和活动消息。随时回复 STOP 即可退订。`,
  signupDeclined: () => () => '好的，我们不会向您发送优惠。',
  remindCartAsk: (hours) => () => `需要我在 ${hours} 小时后在这里提醒您购物车里的商品吗？`,
  remindCartSet: (hours) => () => `好的，我会在大约 ${hours} 小时后在这里提醒您购物车里的商品。`,
  npsThanks: () => () => '感谢您的回答！',
  npsAskWhy: () => () => '感谢您告诉我们。我们哪里可以做得更好？',
  npsCommentThanks: () => () => '谢谢，我们会据此改进。',
  offersAsk: (brand) => `您想在这里接收${brand}的优惠和新闻吗（每月最多 4 条）？请回复 YES 或 NO。随时回复 STOP 即可退订。`,
  eventCityAsk: () => () => '您想了解哪个城市的活动？请回复编号或城市名。',
  eventCityUnknown: () => () => '抱歉，我不认识这个城市。是哪一个？请回复编号或城市名。',
  eventCityStillUnknown: (keyword) => () => `抱歉，仍然找不到这个城市。随时可以再次发送 ${keyword}。`,
  eventsLater: (keyword) => () => `好的。随时可以再次发送 ${keyword}。`,
  noEvents: () => () => '目前没有活动安排，请稍后再来看看。',
  eventDetails: (city, event) => (say) => `${city}：${event.name}，${say.date(event.day)}${event.time ? ` ${say.wallTime(event.time)}` : ''}，${event.venue}。${event.link}`,
  optedIn: () => (say) => (say.voice ? '谢谢！您将收到我们的优惠和新闻。随时说“不要再给我发优惠”即可退订。' : '谢谢！您将收到我们的优惠和新闻。随时回复 STOP 即可退订。'),
  messagesStopped: () => (say) =>
    say.voice ? '好的，我们不会再给您发送任何消息或通知，包括订单通知。' : '好的，我们不会再给您发送任何消息，包括订单通知。在这里发送 START 可以重新接收订单通知。',
  messagesStoppedHere: () => () => '您已退订：我们不会再在这里给您发送消息，包括订单通知。发送 START 可以重新接收订单通知。',
  messagesResumed: () => () => '您将重新收到订单通知。除非您要求，优惠消息仍然关闭。随时发送 STOP 即可停止。',
  linkAccount: () => (say) =>
    say.voice ? '要关联账户，请打开 Alexa 应用，在我们的技能里选择关联账户。' : '要在所有渠道使用同一个账户，请在另一个渠道发送“关联我的账户”获取关联码，然后把关联码发到这里。',
  linkCodeIssued: (code, minutes) => (say) => {
    const digits = code.replace(/\s/g, '').split('').join(' ');
    return say.voice
      ? `您的关联码是 ${digits}。再说一遍：${digits}。请在 ${minutes} 分钟内，从另一个渠道发送“关联”加上这个关联码。`
      : `您的关联码是 ${code}。请在 ${minutes} 分钟内，从另一个渠道发送“关联 ${code}”，或者在 Alexa 应用要求登录时输入它。关联码只能使用一次。`;
  },
  linkCodeTexted: (lastDigits, minutes) => () => `我已把关联码发送到尾号 ${lastDigits} 的手机。请在 ${minutes} 分钟内回复那条短信，内容为“关联”加关联码。`,
  linkCodeSms: (code, sellerName, minutes) => () => `${sellerName}：您的关联码是 ${code}。请在 ${minutes} 分钟内回复“关联 ${code}”，即可用此号码登录您的账户。不是您本人操作？请忽略本短信。`,
  linkCodeMalformed: () => () => '关联码是十二位数字，例如“关联 4821 9073 1640”。请重新发送。',
  accountLinked: () => () => '完成：这里已关联到您的账户。您的购物车和订单也都在这里。',
  alreadyLinked: () => () => '这里已经关联到您的账户了。',
  confirmLinkHere: (otherChannel) => (say) =>
    `这个关联码是在${otherChannel}上申请的。关联后，${otherChannel}上的对话将使用您在这里的账户，包括已保存的地址和支付信息。只有关联码是您本人申请的，才请${say.voice ? '说“是”' : '回复“是”'}。否则请${say.voice ? '说“不是”' : '回复“不是”'}。`,
  confirmLinkThere: (otherChannel) => (say) =>
    `您的关联码刚刚在${otherChannel}上被使用。关联后，${otherChannel}上的对话将使用您的账户，包括已保存的地址和支付信息。只有是您本人操作，才请${say.voice ? '说“是”' : '回复“是”'}。否则请${say.voice ? '说“不是”' : '回复“不是”'}。`,
  linkAwaitsConfirmation: (confirmOn) => () => `快完成了。为了保护您的账户，请在您申请关联码的${confirmOn}上确认：10 分钟内在那里说或输入“关联我的账户”，然后回答“是”。`,
  linkDeclined: () => () => '好的，没有关联，一切保持不变。',
  linkConfirmationExpired: () => () => '该关联请求已过期，没有进行关联。发送“关联我的账户”获取新的关联码。',
  handoff: (waitMinutes: number) => () => `我正在为您转接我们团队的工作人员，通常会在约 ${waitMinutes} 分钟内在这里回复您。发送“菜单”可以回到我这里。`,
  handoffByVoice: () => () => '这里无法为您转接人工，但如果您通过短信或应用给我们留言，我们团队的工作人员会回复您。',
  handoffEnded: () => () => '您已回到购物助手。有什么可以帮您？',
  handoffAfterHours: (opensAt: string, timeZone: string) => () =>
    `我们的团队现在不在线，将于 ${opensAt}（${timeZone} 时间）开始回复。我已转达您的消息，届时工作人员会在这里联系您。在此期间，发送“菜单”可以继续和我聊。`,
  handoffWriteBack: (channel: string, waitMinutes: number) => () => `我已请团队的工作人员通过${channel}联系您，通常在约 ${waitMinutes} 分钟内。还有什么可以帮您？`,
  handoffWriteBackAfterHours: (channel: string, opensAt: string, timeZone: string) => () =>
    `我们的团队现在不在线。我已请他们从 ${opensAt}（${timeZone} 时间）起通过${channel}联系您。还有什么可以帮您？`,
  handoffStillWaiting: () => () => '抱歉，团队里还没有人接手。您可以继续等待，会有人在这里回复您；也可以发送“菜单”继续和我聊。',
  handoffWelcomeBack: () => () => '感谢您与我们的团队沟通。您已回到购物助手。',

  giftAskAge: () => () => '很乐意帮您挑礼物。对方多大年纪？',
  giftAskBudget: () => () => '您的预算是多少？',
  giftAskCategory: (categories) => (say) => `想要哪一类礼物？比如${say.list(categories, 'or')}。也可以说“都行”。`,
  giftIdeas: (ideas) => (say) => `这里有 ${ideas.length} 个建议：${say.list(ideas.map((idea) => `${idea.name}，${say.money(idea.priceMinor)}`))}。要加入一个吗？`,
  giftNone: () => () => '没有找到合适的礼物。试试提高预算，或者不限类别。',

  progress: { placingOrder: '请稍候，正在为您下单。' },

  labels: {
    yes: '是',
    no: '不是',
    checkout: '结账',
    viewCart: '查看购物车',
    reorderUsual: '老样子',
    orderStatus: '订单状态',
    giftIdeas: '礼物推荐',
    help: '帮助',
    add: (name) => `添加${name}`,
    stockAlert: '到货通知我',
    outOfStock: '缺货',
    payNow: '立即付款',
    addCard: '添加银行卡',
  },

  errors: {
    VALIDATION_FAILED: '抱歉，这个内容无法使用。请再试一次。',
    MALFORMED_BODY: '抱歉，无法读取这条消息。',
    BODY_TOO_LARGE: '这条消息太长了。',
    UNSUPPORTED_MEDIA_TYPE: '抱歉，无法读取这条消息。',
    UNAUTHENTICATED: '请先登录。',
    FORBIDDEN: '抱歉，不允许这样操作。',
    NOT_FOUND: '抱歉，没有找到。',
    CONFLICT: '刚刚有变化。请再试一次。',
    DATABASE_UNAVAILABLE: '抱歉，我现在遇到了问题。请稍后再试。',
    INTERNAL: '抱歉，我们这边出了点问题。请稍后再试。',
    PRODUCT_NOT_FOUND: '抱歉，没有找到这件商品。',
    OUT_OF_STOCK: '抱歉，部分商品缺货。',
    CART_EMPTY: '您的购物车是空的。请先告诉我您想要什么。',
    RESTRICTED_BY_VOICE: '抱歉，这件商品不能通过语音购买。',
    AGE_VERIFICATION_REQUIRED: '购买这件商品需要先验证年龄。请在应用中验证您的年龄。',
    ORDER_LIMIT_EXCEEDED: '这个订单超过了单笔订单的限额。请删除一些商品后再试。',
    DAILY_LIMIT_EXCEEDED: '这会超过您今天的消费限额，所以我无法下单。',
    VOICE_CODE_NOT_SET: '这个订单需要语音密码，而您还没有设置。您可以通过短信或应用设置。',
    VOICE_CODE_WRONG: '密码不正确。',
    VOICE_CODE_LOCKED: '语音密码已连续输错三次，为了保护您的账户，我已将其停用。订单没有提交。要设置新密码，请给我们发送“设置语音密码”，或使用应用。',
    CONFIRMATION_STALE: '您的购物车有变化，我再把订单读一遍。',
    NO_ADDRESS: '我需要先有收货地址。请在应用中添加。',
    ORDER_NOT_FOUND: '没有找到那个订单。',
    CANCEL_WINDOW_CLOSED: '那个订单已无法取消：取消时限已过，或订单已在打包。发送“人工”可以和工作人员商量退货。',
    INVALID_STATUS_CHANGE: '那个订单不能这样更改。',
    ACCOUNT_NOT_LINKED: '要下单，请先关联账户：打开 Alexa 应用，找到我们的技能，选择关联账户。我已发送一张卡片帮助您。',
    REQUEST_NOT_VERIFIED: '抱歉，无法验证该请求。',
    LINK_CODE_WRONG: '关联码不正确。请检查数字后再试。',
    LINK_CODE_LOCKED: '该关联码尝试次数过多，已失效。请在另一个渠道说或输入“关联我的账户”获取新的关联码。',
    LINK_CODE_EXPIRED: '该关联码已过期。请在另一个渠道说或输入“关联我的账户”获取新的关联码。',
    LINK_CODE_USED: '该关联码已被使用。请在另一个渠道说或输入“关联我的账户”获取新的关联码。',
    LINK_CODE_THROTTLED: '这里尝试的关联码太多了。请一小时后再试。',
    WEBCHAT_SESSIONS_THROTTLED: '这里开启的聊天太多了。请一小时后再试。',
    LINK_CODE_UNAVAILABLE: '现在无法生成关联码。请几分钟后再试。',
    DISCOUNT_NOT_APPLICABLE: '抱歉，该折扣码不适用。',
    ORDER_IN_PROGRESS: '我还在提交那个订单。请稍后再问。',
    VOICE_CODE_REQUIRED: "此订单需要您的语音密码。请说出或输入密码以确认。",
    SIGN_IN_THROTTLED: "登录尝试次数过多。请等几分钟再试。",
    CAMPAIGN_TEST_THROTTLED: "本小时内此活动的测试发送次数过多。请下一个小时再试。",
    AGENT_REPLY_REFUSED: "此消息目前无法在该渠道发送。",
    PAYMENT_UNAVAILABLE: '抱歉，暂时无法连接支付服务，因此没有扣款，也没有下单。请几分钟后再试。',
    REFUND_NOT_ALLOWED: '抱歉，无法退还这个金额。',
  },

  count,
  languageSwitched: () => () => '好的，从现在起我说中文。',

  carrierHelp: (sellerName) => `${sellerName}：发短信即可购物和查询订单，例如“看看咖啡”或“我的订单在哪”。回复 STOP 或“退订”即可退订。`,

  numberedChoices: {
    inline: (options) => `回复${options.join('，')}。`,
    option: (digit, label) => `${digit} 选择“${label}”`,
    more: (count) => `还有 ${count} 项：直接回复您想要的`,
  },

  notifications: {
    orderUpdate: (status, orderNumber) =>
      ({
        paid: `您的订单 ${orderNumber} 已付款，我们正在备货。`,
        shipped: `您的订单 ${orderNumber} 正在配送。`,
        delivered: `您的订单 ${orderNumber} 已送达。`,
        cancelled: `您的订单 ${orderNumber} 已取消。`,
        returned: `我们已收到您的订单 ${orderNumber} 的退货。`,
        refunded: `您的订单 ${orderNumber} 已退款。`,
      })[status] ?? `您的订单 ${orderNumber} ${STATUS_WORDS[status] ?? status}。`,
    status: (status) => STATUS_WORDS[status] ?? status,
    tracking: (carrierAndNumber) => `物流单号：${carrierAndNumber}`,
    backInStock: (sellerName, productName) => `${sellerName}：好消息，${productName}到货了。回复即可下单。`,
    marketingOptOut: (link) => (link ? `回复 STOP 或点击 ${link} 即可退订。` : '回复 STOP 即可退订。'),
    marketingEmailWhy: (brand) => `您收到此邮件是因为您曾要求${brand}通过电子邮件向您发送优惠。`,
    marketingEmailUnsubscribe: () => '退订',
    cartReminder: (items) => `您的购物车里还有${items}。回复 CHECKOUT 即可下单，在这里或任何渠道都可以。`,
    npsQuestion: (sellerName) => `从 0 到 10 分，您有多大可能向朋友推荐${sellerName}？请回复一个数字。`,
    birthday: (code) => (code ? `生日快乐！送您一份小礼物：下次下单时使用优惠码 ${code}。` : '生日快乐！祝您度过美好的一天。'),
    payHere: (orderNumber, url) => `要完成订单${orderNumber}，请在这里付款：${url}`,
    addCardHere: (url) => `请在 Stripe 的安全页面添加您的银行卡：${url}`,
  },

  receipt: {
    subject: (sellerName, orderNumber) => `${sellerName}订单${orderNumber}的收据`,
    greeting: (name) => (name ? `${name}，您好：` : '您好：'),
    thanks: (orderNumber, sellerName) => `感谢您在${sellerName}下单，订单号${orderNumber}。`,
    subtotal: '小计',
    tax: '税费',
    delivery: '运费',
    total: '总计',
    cancelUntil: (until) => `在${until}之前，您可以说或输入“取消订单”来取消此订单。`,
    soldBy: (sellerName) => `卖家：${sellerName}。`,
  },

  signIn: {
    title: (sellerName) => `关联您的${sellerName}账户`,
    heading: (sellerName) => `将您的${sellerName}账户关联到 Alexa`,
    help: '在我们的微信、WhatsApp、Messenger、短信或网页聊天中发送<strong>关联我的账户</strong>。我们会回复一个十二位的关联码，10 分钟内有效。请在这里输入。',
    codeLabel: '关联码',
    submit: '关联账户',
    cancel: '取消',
    expiredTitle: '链接已过期',
    expiredHeading: '此登录链接已过期',
    expiredHelp: '请从 Alexa 应用重新开始关联账户。',
    malformed: '关联码是十二位数字。请检查后再试。',
  },
};
