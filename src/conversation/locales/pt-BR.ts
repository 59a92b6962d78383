import type { DiscountProblem } from '../../core/discount';
import type { Message } from '../format';
import { cardBrandName, type Messages } from './en-US';
import { counted } from './grammar';

/** Brazilian Portuguese. Sentences avoid adjectives that would agree with a product name's gender. */

type Line = { name: string; quantity: number };

const LOCALE = 'pt-BR';
const count = (quantity: number, name: string): string => `${counted(LOCALE, quantity, { one: 'unidade', other: 'unidades' })} de ${name}`;
const lineList = (lines: Line[]): Message => (say) => say.list(lines.map((line) => say.count(line.quantity, line.name)));
const sayOrSend = (voice: boolean): string => (voice ? 'diga' : 'envie');

const STATUS_WORDS: Record<string, string> = {
  pending: 'sendo registrado',
  placed: 'registrado',
  paid: 'pago e aguardando a separação',
  packed: 'embalado e pronto para envio',
  shipped: 'a caminho',
  delivered: 'entregue',
  cancelled: 'cancelado',
  returned: 'devolvido',
  refunded: 'reembolsado',
  failed: 'não realizado',
  awaiting_payment: 'aguardando pagamento',
};

const DISCOUNT_PROBLEMS: Record<DiscountProblem, string> = {
  unknown: 'não é nosso',
  inactive: 'foi retirado',
  'not-yet-valid': 'ainda não vale',
  expired: 'expirou',
  'below-minimum': 'exige um carrinho maior',
  'no-eligible-items': 'não cobre nada do seu carrinho',
  'used-up': 'já foi usado',
};

export const ptBR: Messages = {
  welcome: (sellerName, hasOrders) => () =>
    hasOrders
      ? `Que bom ter você de volta à ${sellerName}. Você pode repetir o seu pedido de sempre, consultar um pedido ou me dizer do que precisa.`
      : `Boas-vindas à ${sellerName}. Diga do que você precisa, por exemplo "adicionar dois cafés colombianos", ou peça ideias de presente.`,
  welcomeReprompt: () => () => 'O que você gostaria de fazer?',
  help: () => (say) =>
    say.voice
      ? 'Você pode pedir um produto, colocá-lo no carrinho, finalizar a compra, repetir o pedido de sempre, perguntar onde está o seu pedido ou cancelá-lo. O que você gostaria?'
      : 'Você pode procurar ("mostre chá"), adicionar itens ("adicionar 2 chá verde"), finalizar a compra, repetir ("o de sempre"), perguntar "onde está meu pedido", cancelar um pedido, achar um presente ou escrever "atendente" para falar com uma pessoa.',
  goodbye: () => () => 'Até logo, e obrigado pela compra.',
  fallback: () => (say) =>
    say.voice ? 'Desculpe, não entendi. Você pode dizer, por exemplo, adicionar café, finalizar compra ou onde está meu pedido.' : 'Desculpe, não entendi. Tente "adicionar 2 chá verde", "finalizar compra", "o de sempre" ou "ajuda".',
  anythingElse: () => () => 'Mais alguma coisa?',

  searchResults: (names) => (say) => (say.voice ? `Encontrei ${say.list(names)}. Qual você prefere?` : `Encontrei: ${names.join(', ')}. Qual você prefere?`),
  didYouMean: (names) => (say) => `Você quis dizer ${say.list(names, 'or')}?`,
  whichProduct: () => () => 'Qual produto você quer?',
  notFound: (said) => () => `Desculpe, não encontrei "${said}" no nosso catálogo.`,
  price: (name, priceMinor) => (say) => `${name} custa ${say.money(priceMinor)}.`,
  inStock: (name, stock) => () => (stock > 0 ? `Sim, temos ${name} em estoque.` : `Desculpe, ${name} está sem estoque no momento.`),
  description: (name, description) => () => `${name}: ${description}`,
  rating: (name, rating, reviews, summary) => () => `${name} tem nota ${rating} de 5 em ${reviews} ${reviews === 1 ? 'avaliação' : 'avaliações'}. ${summary}`,
  noRating: (name) => () => `${name} ainda não tem avaliações.`,
  addIt: (name) => () => `Quer adicionar ${name} ao carrinho?`,
  offerStockAlert: (name) => () => `Quer que eu avise quando ${name} voltar ao estoque?`,
  stockAlertSet: (name) => () => `Vou avisar você quando ${name} voltar ao estoque.`,
  alreadyInStock: (name) => () => `Boa notícia: ${name} já está em estoque.`,

  added: (quantity, name, cartTotalMinor) => (say) =>
    `Adicionei ${say.count(quantity, name)}. O carrinho está em ${say.money(cartTotalMinor)}, sem impostos e entrega. Mais alguma coisa, ou posso finalizar a compra?`,
  removed: (name) => () => `Tirei ${name} do seu carrinho.`,
  notInCart: (name) => () => `${name} não está no seu carrinho.`,
  cartEmpty: () => () => 'Seu carrinho está vazio.',
  cartContents: (lines, subtotalMinor) => (say) => `No seu carrinho: ${lineList(lines)(say)}, ${say.money(subtotalMinor)} sem impostos e entrega. Posso finalizar a compra?`,
  onlyInStock: (name, available) => () => (available > 0 ? `Desculpe, só temos mais ${available} de ${name} em estoque.` : `Desculpe, ${name} está sem estoque no momento.`),
  repriced: (changes) => (say) => changes.map((change) => `${change.name} agora custa ${say.money(change.toMinor)}; custava ${say.money(change.fromMinor)} quando você adicionou.`).join(' '),

  readBack: (p) => (say) => {
    const items = say.list(p.lines.map((line) => `${say.count(line.quantity, line.name)} a ${say.money(line.unitPriceMinor)}${line.quantity > 1 ? ' cada' : ''}`));
    const fees = p.deliveryFeeMinor > 0 ? `${say.money(p.taxMinor)} de impostos e ${say.money(p.deliveryFeeMinor)} de entrega` : `${say.money(p.taxMinor)} de impostos e entrega grátis`;
    const code = p.codeRequired ? ' Depois da confirmação, vou pedir o seu código de voz.' : '';
    const payment = p.payment.kind === 'card' ? ` Vou cobrar no seu ${cardBrandName(p.payment.card.brand) ?? 'cartão'} com final ${p.payment.card.last4}.` : p.payment.kind === 'link' ? ' Vou enviar um link para o pagamento.' : ' O pagamento é feito na entrega.';
    const discount = p.discount ? ` Com o código de desconto ${p.discount.code}, ${say.money(p.discount.amountMinor)} a menos.` : '';
    return `Seu pedido na ${p.sellerName}: ${items}, com entrega em ${p.deliveryTo}.${discount} O total é ${say.money(p.totalMinor)}, incluindo ${fees}.${payment}${code} Posso fazer o pedido?`;
  },
  confirmReprompt: () => () => 'Posso fazer o pedido? Responda sim ou não.',
  askVoiceCode: () => (say) => `Por favor, ${sayOrSend(say.voice)} o seu código de voz de quatro dígitos.`,
  voiceCodeWrong: (attemptsLeft) => (say) =>
    `Esse código não está certo. ${attemptsLeft === 1 ? 'Resta 1 tentativa' : `Restam ${attemptsLeft} tentativas`}. Por favor, ${sayOrSend(say.voice)} o seu código de voz.`,
  orderPlaced: (p) => (say) =>
    `Pronto. O número do seu pedido é ${say.orderNumber(p.orderNumber)}, total de ${say.money(p.totalMinor)}. ${p.receiptEmailed ? 'O recibo vai chegar no seu e-mail, e você' : 'Você'} pode cancelar em até ${counted(LOCALE, p.windowMinutes, { one: 'minuto', other: 'minutos' })}.`,
  orderPayment: (p) => (say) => {
    if (p.kind === 'charged') return `Cobrei no seu ${cardBrandName(p.card.brand) ?? 'cartão'} com final ${p.card.last4}.`;
    if (p.kind === 'in-progress') return 'Seu pagamento está sendo processado.';
    const why = p.why === 'declined' ? 'Seu cartão foi recusado. ' : p.why === 'authentication' ? 'Seu banco pede que você confirme este pagamento. ' : '';
    const where = p.sentToPhone || say.voice ? 'Enviei um link para o pagamento' : `Pague aqui: ${p.url}`;
    return `${why}${where}. Vou reservar seus itens por ${p.holdMinutes} minutos.`;
  },
  refundStarted: (amountMinor) => (say) => `O reembolso de ${say.money(amountMinor)} está a caminho do seu cartão.`,
  cardSetupLink: (url) => () => `Adicione seu cartão na página segura da Stripe: ${url}`,
  addCardByChat: () => () => 'Para isso, escreva "adicionar um cartão" no nosso chat.',
  cardSetupLinkSent: () => () => 'Estou enviando por mensagem um link para você adicionar seu cartão na página segura da Stripe. Se ele não chegar, escreva "adicionar um cartão" no nosso chat.',
  cardSetupLinkAlreadySent: () => () => 'Um link para adicionar seu cartão já está a caminho. Se ele não chegar, escreva "adicionar um cartão" no nosso chat.',
  cardSetupPageLimit: () => () => 'Você já pediu várias páginas de cartão hoje, então não vou abrir outra agora. Use o último link que enviei ou tente de novo amanhã.',
  cardSetupLinkLimit: () => () => 'Você já pediu o link do cartão várias vezes hoje, então não vou enviar outro agora. Para adicionar um cartão, escreva "adicionar um cartão" no nosso chat.',
  savedCard: (card) => () => `Seu cartão salvo é o ${cardBrandName(card.brand) ?? 'cartão'} com final ${card.last4}.`,
  noCardSaved: () => () => 'Você não tem nenhum cartão salvo.',
  cardRemoved: (card) => () => `Removi o seu ${cardBrandName(card.brand) ?? 'cartão'} com final ${card.last4}.`,
  noCardNeeded: () => () => 'O pagamento é feito na entrega, então não precisa de cartão.',
  checkoutCancelled: (why) => () => (why === 'changed-subject' ? 'Tudo bem, não fiz esse pedido; seu carrinho está guardado.' : 'Tudo bem, não fiz o pedido. Seu carrinho fica guardado para depois.'),
  basketChanged: () => () => 'Seu carrinho mudou depois que li o pedido, então aqui está de novo.',

  // Discount codes
  discountApplied: (p) => (say) => `O código de desconto ${p.code} tira ${say.money(p.amountMinor)}. O total do seu carrinho agora é ${say.money(p.totalMinor)}.`,
  discountRefused: (code, problem) => () => `Desculpe, o código ${code} ${DISCOUNT_PROBLEMS[problem]}.`,
  discountNoLongerApplies: (code, problem) => () => `O código de desconto ${code} não vale mais: ele ${DISCOUNT_PROBLEMS[problem]}, então eu o retirei.`,
  whichDiscountCode: () => () => 'Qual código de desconto você quer usar?',

  reorderSummary: (p) => (say) => {
    const items = say.list(p.lines.map((line) => say.count(line.quantity, line.name)));
    const notes = p.lines
      .map((line) => {
        if (line.status === 'out-of-stock' || line.status === 'unavailable') return `${line.name} não está disponível no momento.`;
        if (line.status === 'short') return `Só temos ${line.availableQuantity} de ${line.name} em estoque.`;
        if (line.status === 'repriced') return `${line.name} agora custa ${say.money(line.priceNowMinor!)}; você pagou ${say.money(line.pricePaidMinor)}.`;
        return '';
      })
      .filter(Boolean)
      .join(' ');
    return `Seu pedido ${say.orderNumber(p.orderNumber)} de ${say.date(p.placedAt)} tinha ${items}.${notes ? ` ${notes}` : ''} Quer que eu coloque no carrinho o que está disponível, com os preços de hoje, e finalize a compra?`;
  },
  reorderNothingAvailable: () => () => 'Nenhum item daquele pedido está disponível agora, então não há nada para repetir.',
  noPastOrders: () => () => 'Não encontrei nenhum pedido anterior para repetir.',

  orderStatus: (p) => (say) => {
    const base = `O pedido ${say.orderNumber(p.orderNumber)}${p.placedAt ? ` de ${say.date(p.placedAt)}` : ''} está ${STATUS_WORDS[p.status] ?? p.status}.`;
    const tracking = p.status === 'shipped' && p.tracking?.number ? ` O código de rastreio${p.tracking.carrier ? ` da ${p.tracking.carrier}` : ''} é ${p.tracking.number}.` : '';
    const cancel = p.cancellableUntil && p.cancellableUntil > p.now && (p.status === 'placed' || p.status === 'paid') ? ` Você ainda pode cancelar até ${say.time(p.cancellableUntil)}.` : '';
    return base + tracking + cancel;
  },
  noOrders: () => () => 'Você ainda não tem pedidos.',
  confirmCancel: (orderNumber, totalMinor) => (say) => `Cancelar o pedido ${say.orderNumber(orderNumber)} de ${say.money(totalMinor)}?`,
  orderCancelled: (orderNumber) => (say) => `O pedido ${say.orderNumber(orderNumber)} foi cancelado. Nada será cobrado.`,
  keptOrder: () => () => 'Tudo bem, deixei o seu pedido como estava.',
  noOrderToCancel: () => () => 'Você não tem nenhum pedido que ainda possa ser cancelado.',

  setCodeByText: () => () => 'Por segurança, defina o seu código de voz por mensagem de texto ou no aplicativo, não por voz.',
  askNewCode: () => () => 'Envie os quatro dígitos que você quer usar como código de voz.',
  codeSet: () => () => 'Seu código de voz foi definido. Vou pedi-lo quando você fizer pedidos por voz.',
  codeMalformed: () => () => 'O código de voz tem exatamente quatro dígitos. Envie quatro dígitos.',
  optedOut: () => () => 'Você não vai mais receber mensagens de marketing. Continuaremos enviando avisos sobre os pedidos que você fizer.',
  // Keyword sign-up (double opt-in on SMS): the ask is the consent wording, stored with the opt-in.
  signupAsk: (brand) => `${brand}: responda YES para receber nossas ofertas e novidades de eventos por SMS, até 4 por mês. Podem ser cobradas tarifas de mensagens e dados. Responda STOP a qualquer momento para sair.`,
  signupAskHere: (brand) => `${brand}: responda YES para receber aqui nossas ofertas e novidades de eventos, até 4 por mês. Responda STOP a qualquer momento para sair.`,
  signupConfirmed: (brand) => `Pronto: ${brand} vai enviar ofertas e novidades de eventos. Responda STOP a qualquer momento para sair.`,
  signupDeclined: () => () => 'Tudo bem, você não vai receber ofertas nossas.',
  remindCartAsk: (hours) => () => `Quer que eu lembre você do seu carrinho aqui daqui a ${hours} horas?`,
  remindCartSet: (hours) => () => `Combinado, vou lembrar você do seu carrinho aqui em cerca de ${hours} horas.`,
  npsThanks: () => () => 'Obrigado pela sua resposta!',
  npsAskWhy: () => () => 'Obrigado por nos contar. O que poderíamos ter feito melhor?',
  npsCommentThanks: () => () => 'Obrigado, isso vai nos ajudar a melhorar.',
  offersAsk: (brand) => `Quer receber também aqui as ofertas e novidades da ${brand}, até 4 por mês? Responda YES ou NO. Você pode responder STOP a qualquer momento.`,
  eventCityAsk: () => () => 'De qual cidade você quer saber os eventos? Responda com o número ou o nome.',
  eventCityUnknown: () => () => 'Desculpe, não conheço essa cidade. Qual delas? Responda com o número ou o nome.',
  eventCityStillUnknown: (keyword) => () => `Desculpe, ainda não encontrei essa cidade. Envie ${keyword} de novo quando quiser.`,
  eventsLater: (keyword) => () => `Tudo bem. Envie ${keyword} de novo quando quiser.`,
  noEvents: () => () => 'Não há eventos no momento. Volte a consultar em breve.',
  eventDetails: (city, event) => (say) => `${city}: ${event.name}, ${say.date(event.day)}${event.time ? ` às ${say.wallTime(event.time)}` : ''}, ${event.venue}. ${event.link}`,
  optedIn: () => (say) =>
    say.voice
      ? 'Obrigado! Você vai receber ofertas e novidades. Para sair, diga pare de me mandar ofertas a qualquer momento.'
      : 'Obrigado! Você vai receber ofertas e novidades. Responda STOP a qualquer momento para sair.',
  messagesStopped: () => (say) =>
    say.voice
      ? 'Tudo bem, não vamos mais enviar mensagens nem notificações, nem mesmo sobre pedidos.'
      : 'Tudo bem, não vamos mais enviar mensagens, nem mesmo sobre pedidos. Envie START aqui para voltar a receber avisos de pedidos.',
  messagesStoppedHere: () => () => 'Inscrição cancelada: nenhuma mensagem nossa por aqui, nem sobre pedidos. Envie START para voltar a receber avisos de pedidos.',
  messagesResumed: () => () => 'Você voltará a receber avisos sobre os seus pedidos. As ofertas continuam desligadas, a menos que você peça. Envie STOP a qualquer momento para parar.',
  linkAccount: () => (say) =>
    say.voice
      ? 'Para vincular sua conta, abra o aplicativo Alexa e escolha vincular conta na nossa skill.'
      : 'Para usar a mesma conta em todo lugar, diga "vincular minha conta" no outro canal para receber um código e depois envie o código aqui.',
  linkCodeIssued: (code, minutes) => (say) => {
    const digits = code.replace(/\s/g, '').split('').join(' ');
    return say.voice
      ? `Seu código de vínculo é ${digits}. Repetindo: ${digits}. Em até ${minutes} minutos, envie a palavra vincular e este código pelo outro canal.`
      : `Seu código de vínculo é ${code}. Em até ${minutes} minutos, envie "vincular ${code}" pelo outro canal, ou digite-o quando o aplicativo Alexa pedir para entrar. Ele só funciona uma vez.`;
  },
  linkCodeTexted: (lastDigits, minutes) => () => `Enviei um código de vínculo por SMS para o número com final ${lastDigits}. Responda a essa mensagem com a palavra vincular e o código em até ${minutes} minutos.`,
  linkCodeSms: (code, sellerName, minutes) => () => `${sellerName}: seu código de vínculo é ${code}. Responda "vincular ${code}" em até ${minutes} minutos para usar este número na sua conta. Não foi você? Ignore esta mensagem.`,
  linkCodeMalformed: () => () => 'O código de vínculo tem doze dígitos, como "vincular 4821 9073 1640". Envie de novo, por favor.',
  accountLinked: () => () => 'Pronto: este canal agora está vinculado à sua conta. Seu carrinho e seus pedidos também estão aqui.',
  alreadyLinked: () => () => 'Este canal já está vinculado à sua conta.',
  confirmLinkHere: (otherChannel) => (say) =>
    `Este código de vínculo foi pedido pelo ${otherChannel}. Vincular permite que a conversa no ${otherChannel} use a sua conta daqui, com o endereço e os dados de pagamento salvos. Só se foi você que pediu o código, ${say.voice ? 'diga sim' : 'responda SIM'}. Caso contrário, ${say.voice ? 'diga não' : 'responda NÃO'}.`,
  confirmLinkThere: (otherChannel) => (say) =>
    `Seu código de vínculo acabou de ser usado no ${otherChannel}. Vincular permite que a conversa no ${otherChannel} use a sua conta, com o endereço e os dados de pagamento salvos. Só se foi você, ${say.voice ? 'diga sim' : 'responda SIM'}. Caso contrário, ${say.voice ? 'diga não' : 'responda NÃO'}.`,
  linkAwaitsConfirmation: (confirmOn) => () =>
    `Quase lá. Para proteger a sua conta, confirme no ${confirmOn}, onde você pediu o código: diga ou escreva "vincular minha conta" lá em até 10 minutos e responda sim.`,
  linkDeclined: () => () => 'Tudo bem, nada foi vinculado. Nada mudou.',
  linkConfirmationExpired: () => () => 'Esse pedido de vínculo expirou, então nada foi vinculado. Peça um novo código com "vincular minha conta".',
  handoff: (waitMinutes: number) => () => `Vou passar você para uma pessoa da nossa equipe; ela costuma responder aqui em cerca de ${waitMinutes} minutos. Escreva menu para voltar a falar comigo.`,
  handoffByVoice: () => () => 'Não consigo transferir você para uma pessoa por aqui, mas se você nos escrever por mensagem ou pelo aplicativo, alguém da equipe vai responder.',
  handoffEnded: () => () => 'Você voltou a falar com a assistente de compras. Como posso ajudar?',
  handoffAfterHours: (opensAt: string, timeZone: string) => () =>
    `Nossa equipe não está disponível agora e atende a partir das ${opensAt} (horário de ${timeZone}). Passei sua mensagem adiante e uma pessoa vai escrever para você aqui nesse horário. Escreva menu para continuar comigo enquanto isso.`,
  handoffWriteBack: (channel: string, waitMinutes: number) => () => `Pedi para uma pessoa da nossa equipe escrever para você no ${channel}, normalmente em cerca de ${waitMinutes} minutos. Posso ajudar em mais alguma coisa?`,
  handoffWriteBackAfterHours: (channel: string, opensAt: string, timeZone: string) => () =>
    `Nossa equipe não está disponível agora. Pedi que escrevam para você no ${channel} a partir das ${opensAt} (horário de ${timeZone}). Posso ajudar em mais alguma coisa?`,
  handoffStillWaiting: () => () => 'Desculpe, ninguém da nossa equipe atendeu ainda. Você pode continuar esperando e alguém vai responder aqui, ou escrever menu para continuar comigo.',
  handoffWelcomeBack: () => () => 'Obrigada por falar com a nossa equipe. Você voltou a falar com a assistente de compras.',

  giftAskAge: () => () => 'Vamos achar um presente. Quantos anos tem a pessoa?',
  giftAskBudget: () => () => 'Qual é o seu orçamento?',
  giftAskCategory: (categories) => (say) => `Algum tipo de presente em especial? Por exemplo ${say.list(categories, 'or')}. Ou diga qualquer um.`,
  giftIdeas: (ideas) => (say) => `Aqui vão ${ideas.length} ideias: ${say.list(ideas.map((idea) => `${idea.name} por ${say.money(idea.priceMinor)}`))}. Quer adicionar alguma?`,
  giftNone: () => () => 'Não encontrei um presente que sirva. Tente um orçamento maior ou qualquer categoria.',

  progress: { placingOrder: 'Um momento enquanto faço o seu pedido.' },

  labels: {
    yes: 'Sim',
    no: 'Não',
    checkout: 'Finalizar compra',
    viewCart: 'Ver carrinho',
    reorderUsual: 'O de sempre',
    orderStatus: 'Status do pedido',
    giftIdeas: 'Ideias de presente',
    help: 'Ajuda',
    add: (name) => `Adicionar ${name}`,
    stockAlert: 'Avise quando voltar',
    outOfStock: 'esgotado',
    payNow: 'Pagar agora',
    addCard: 'Adicionar cartão',
  },

  errors: {
    VALIDATION_FAILED: 'Desculpe, não consegui usar isso. Tente de novo.',
    MALFORMED_BODY: 'Desculpe, não consegui ler essa mensagem.',
    BODY_TOO_LARGE: 'Essa mensagem é longa demais.',
    UNSUPPORTED_MEDIA_TYPE: 'Desculpe, não consegui ler essa mensagem.',
    UNAUTHENTICATED: 'Entre na sua conta primeiro.',
    FORBIDDEN: 'Desculpe, isso não é permitido.',
    NOT_FOUND: 'Desculpe, não encontrei isso.',
    CONFLICT: 'Isso acabou de mudar. Tente de novo.',
    DATABASE_UNAVAILABLE: 'Desculpe, estou com problemas agora. Tente de novo daqui a pouco.',
    INTERNAL: 'Desculpe, algo deu errado do nosso lado. Tente de novo daqui a pouco.',
    PRODUCT_NOT_FOUND: 'Desculpe, não encontrei esse produto.',
    OUT_OF_STOCK: 'Desculpe, alguns itens estão sem estoque.',
    CART_EMPTY: 'Seu carrinho está vazio. Primeiro me diga o que você quer.',
    RESTRICTED_BY_VOICE: 'Desculpe, esse item não pode ser pedido por voz.',
    AGE_VERIFICATION_REQUIRED: 'Esse item exige verificação de idade antes do pedido. Verifique a sua idade no aplicativo.',
    ORDER_LIMIT_EXCEEDED: 'Esse pedido passa do limite para um único pedido. Tire algum item e tente de novo.',
    DAILY_LIMIT_EXCEEDED: 'Isso passaria do seu limite de gastos de hoje, então não posso fazer o pedido.',
    VOICE_CODE_NOT_SET: 'Este pedido precisa de um código de voz, e você ainda não definiu um. Você pode definir por mensagem de texto ou no aplicativo.',
    VOICE_CODE_WRONG: 'Esse código não está certo.',
    VOICE_CODE_LOCKED: 'O código de voz foi digitado errado três vezes, então eu o desativei para proteger a sua conta. O pedido não foi feito. Para definir um novo código, envie DEFINIR CÓDIGO DE VOZ por mensagem ou use o aplicativo.',
    CONFIRMATION_STALE: 'Seu carrinho mudou, então vou ler o pedido de novo.',
    NO_ADDRESS: 'Preciso primeiro de um endereço de entrega. Adicione um no aplicativo.',
    ORDER_NOT_FOUND: 'Não encontrei esse pedido.',
    CANCEL_WINDOW_CLOSED: 'Esse pedido não pode mais ser cancelado: o prazo de cancelamento acabou ou ele já está sendo embalado. Escreva atendente para falar com uma pessoa sobre uma devolução.',
    INVALID_STATUS_CHANGE: 'Esse pedido não pode mudar dessa forma.',
    ACCOUNT_NOT_LINKED: 'Para fazer pedidos, vincule sua conta: abra o aplicativo Alexa, encontre a nossa skill e escolha vincular conta. Enviei um cartão para ajudar.',
    REQUEST_NOT_VERIFIED: 'Desculpe, não foi possível verificar esse pedido.',
    LINK_CODE_WRONG: 'Esse código de vínculo não está certo. Confira os dígitos e tente de novo.',
    LINK_CODE_LOCKED: 'Esse código de vínculo foi tentado vezes demais e não funciona mais. Diga ou escreva "vincular minha conta" no outro canal para receber um novo.',
    LINK_CODE_EXPIRED: 'Esse código de vínculo expirou. Diga ou escreva "vincular minha conta" no outro canal para receber um novo.',
    LINK_CODE_USED: 'Esse código de vínculo já foi usado. Diga ou escreva "vincular minha conta" no outro canal para receber um novo.',
    LINK_CODE_THROTTLED: 'Foram tentados códigos demais a partir daqui. Espere uma hora e tente de novo.',
    WEBCHAT_SESSIONS_THROTTLED: 'Foram abertas conversas demais a partir daqui. Espere uma hora e tente de novo.',
    LINK_CODE_UNAVAILABLE: 'Não consigo gerar um código de vínculo agora. Tente de novo em alguns minutos.',
    DISCOUNT_NOT_APPLICABLE: 'Desculpe, esse código de desconto não vale.',
    ORDER_IN_PROGRESS: 'Ainda estou fazendo esse pedido. Pergunte de novo daqui a pouco.',
    VOICE_CODE_REQUIRED: "Este pedido precisa do seu código de voz. Diga ou digite o código para confirmar.",
    SIGN_IN_THROTTLED: "Muitas tentativas de entrada. Aguarde alguns minutos e tente de novo.",
    CAMPAIGN_TEST_THROTTLED: "Envios de teste demais desta campanha nesta hora. Tente de novo na próxima hora.",
    AGENT_REPLY_REFUSED: "Essa mensagem não pode ser enviada neste canal agora.",
    PAYMENT_UNAVAILABLE: 'Desculpe, não consegui falar com o serviço de pagamento, então nada foi cobrado e nenhum pedido foi feito. Tente de novo em alguns minutos.',
    REFUND_NOT_ALLOWED: 'Desculpe, não posso reembolsar esse valor.',
  },

  count,
  languageSwitched: () => () => 'Certo, a partir de agora falo português.',

  carrierHelp: (sellerName) => `${sellerName}: compre e acompanhe pedidos por SMS, por exemplo "mostre café" ou "onde está meu pedido". Responda STOP ou PARAR para sair da lista.`,

  numberedChoices: {
    inline: (options) => `Responda ${options.join(', ')}.`,
    option: (digit, label) => `${digit} para ${label}`,
    more: (count) => `+${count}: responda com o que você quer`,
  },

  notifications: {
    orderUpdate: (status, orderNumber) =>
      ({
        paid: `seu pedido ${orderNumber} está pago e já estamos preparando.`,
        shipped: `seu pedido ${orderNumber} está a caminho.`,
        delivered: `seu pedido ${orderNumber} foi entregue.`,
        cancelled: `seu pedido ${orderNumber} foi cancelado.`,
        returned: `recebemos a devolução do seu pedido ${orderNumber}.`,
        refunded: `seu pedido ${orderNumber} foi reembolsado.`,
      })[status] ?? `seu pedido ${orderNumber} está ${STATUS_WORDS[status] ?? status}.`,
    status: (status) => STATUS_WORDS[status] ?? status,
    tracking: (carrierAndNumber) => `Rastreio: ${carrierAndNumber}`,
    backInStock: (sellerName, productName) => `${sellerName}: boa notícia, ${productName} voltou ao estoque. Responda para pedir.`,
    marketingOptOut: (link) => (link ? `Responda STOP ou toque em ${link} para sair.` : 'Responda STOP para sair.'),
    marketingEmailWhy: (brand) => `Você recebe este e-mail porque pediu ofertas da ${brand} por e-mail.`,
    marketingEmailUnsubscribe: () => 'Cancelar inscrição',
    cartReminder: (items) => `Você deixou ${items} no carrinho. Responda CHECKOUT para pedir, aqui ou em qualquer canal.`,
    npsQuestion: (sellerName) => `De 0 a 10, qual a probabilidade de você recomendar ${sellerName} a um amigo? Responda com um número.`,
    birthday: (code) => (code ? `Feliz aniversário! Um presente nosso: use o código ${code} no seu próximo pedido.` : 'Feliz aniversário! Desejamos a você um dia maravilhoso.'),
    payHere: (orderNumber, url) => `para concluir o pedido ${orderNumber}, pague aqui: ${url}`,
    addCardHere: (url) => `adicione seu cartão na página segura da Stripe: ${url}`,
  },

  receipt: {
    subject: (sellerName, orderNumber) => `Seu recibo da ${sellerName} do pedido ${orderNumber}`,
    greeting: (name) => (name ? `Olá, ${name},` : 'Olá,'),
    thanks: (orderNumber, sellerName) => `Obrigado pelo seu pedido ${orderNumber} na ${sellerName}.`,
    subtotal: 'Subtotal',
    tax: 'Impostos',
    delivery: 'Entrega',
    total: 'Total',
    cancelUntil: (until) => `Você pode cancelar este pedido até ${until} dizendo ou escrevendo "cancelar meu pedido".`,
    soldBy: (sellerName) => `Vendido por ${sellerName}.`,
  },

  signIn: {
    title: (sellerName) => `Vincule a sua conta da ${sellerName}`,
    heading: (sellerName) => `Vincule a sua conta da ${sellerName} à Alexa`,
    help: 'No nosso WhatsApp, Messenger, SMS ou chat do site, envie <strong>vincular minha conta</strong>. Respondemos com um código de vínculo de doze dígitos, válido por 10 minutos. Digite-o aqui.',
    codeLabel: 'Código de vínculo',
    submit: 'Vincular conta',
    cancel: 'Cancelar',
    expiredTitle: 'Link expirado',
    expiredHeading: 'Este link de acesso expirou',
    expiredHelp: 'Comece a vinculação da conta de novo pelo aplicativo Alexa.',
    malformed: 'O código de vínculo tem doze dígitos. Confira e tente de novo.',
  },
};
