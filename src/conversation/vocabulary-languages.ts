import { CHINESE_COUNTERS, NUMBER_WORDS } from '../core/number-words';
import type { LocaleWords } from './vocabulary';

/**
 * The vocabulary's samples in the languages beyond English, per sense (by its Alexa intent name), written
 * like the English ones: lowercase, numbers as words, slots as `{slot}`. They are matched with diacritics
 * folded ("nao" reads as "não"), and Chinese with spaces ignored. `vocabulary.ts` joins them to the senses;
 * `test/conversation/vocabulary.test.ts` types every one and insists that every sense has some.
 */

export const OTHER_LANGUAGES = ['pt-BR', 'it-IT', 'zh-CN', 'pl-PL', 'ro-RO'] as const;
export type OtherLanguage = (typeof OTHER_LANGUAGES)[number];

export const OTHER_LANGUAGE_WORDS: Record<OtherLanguage, LocaleWords> = {
  'pt-BR': {
    cart: ['carrinho'],
    slotAnswers: ['{SLOT}', 'o {SLOT}', 'a {SLOT}', 'só {SLOT}', '{SLOT} por favor'],
    numbers: NUMBER_WORDS.pt,
  },
  'it-IT': {
    cart: ['carrello'],
    slotAnswers: ['{SLOT}', 'il {SLOT}', 'la {SLOT}', 'solo {SLOT}', '{SLOT} per favore'],
    numbers: NUMBER_WORDS.it,
  },
  'zh-CN': {
    cart: ['购物车'],
    numbers: NUMBER_WORDS.zh,
    counters: CHINESE_COUNTERS,
  },
  'pl-PL': {
    cart: ['koszyk', 'koszyka', 'koszyku'],
    numbers: NUMBER_WORDS.pl,
  },
  'ro-RO': {
    cart: ['coș', 'coșul'],
    numbers: NUMBER_WORDS.ro,
  },
};

type Samples = Record<OtherLanguage, string[]>;

export const OTHER_LANGUAGE_SAMPLES: Record<string, Samples> = {
  'AMAZON.NavigateHomeIntent': {
    'pt-BR': ['oi', 'olá', 'bom dia', 'boa tarde', 'boa noite', 'começar', 'menu principal', 'voltar ao início'],
    'it-IT': ['ciao', 'salve', 'buongiorno', 'buonasera', 'inizia', 'menu principale', 'torna all\'inizio'],
    'zh-CN': ['你好', '您好', '嗨', '开始', '主菜单', '返回首页', '回到机器人'],
    'pl-PL': ['cześć', 'dzień dobry', 'dobry wieczór', 'witaj', 'zacznij', 'menu główne', 'wróć do początku'],
    'ro-RO': ['bună', 'salut', 'bună ziua', 'bună seara', 'începe', 'meniul principal', 'înapoi la început'],
  },
  BrowseIntent: {
    'pt-BR': ['mostre {product}', 'me mostre {product}', 'mostra {product}', 'procurar {product}', 'procure {product}', 'buscar {product}', 'estou procurando {product}', 'quais {product} vocês têm', 'ver {product}'],
    'it-IT': ['mostrami {product}', 'mostra {product}', 'cerca {product}', 'cercami {product}', 'sto cercando {product}', 'che {product} avete', 'fammi vedere {product}', 'vedere {product}'],
    'zh-CN': ['看看 {product}', '给我看看 {product}', '搜索 {product}', '找 {product}', '查找 {product}', '我想看 {product}', '有什么 {product}'],
    'pl-PL': ['pokaż {product}', 'pokaż mi {product}', 'szukaj {product}', 'wyszukaj {product}', 'szukam {product}', 'jakie macie {product}', 'chcę zobaczyć {product}'],
    'ro-RO': ['arată-mi {product}', 'arată {product}', 'caută {product}', 'caut {product}', 'ce {product} aveți', 'vreau să văd {product}', 'găsește {product}'],
  },
  ProductPriceIntent: {
    'pt-BR': ['quanto custa {product}', 'quanto custam {product}', 'qual é o preço de {product}', 'qual o preço de {product}', 'preço de {product}', 'preço do {product}', 'preço da {product}'],
    'it-IT': ['quanto costa {product}', 'quanto costano {product}', 'qual è il prezzo di {product}', 'prezzo di {product}', 'prezzo del {product}', 'prezzo della {product}'],
    'zh-CN': ['{product} 多少钱', '{product} 的价格', '{product} 价格是多少', '{product} 怎么卖', '{product} 卖多少钱'],
    'pl-PL': ['ile kosztuje {product}', 'ile kosztują {product}', 'jaka jest cena {product}', 'cena {product}', 'po ile jest {product}'],
    'ro-RO': ['cât costă {product}', 'care este prețul pentru {product}', 'ce preț are {product}', 'prețul pentru {product}', 'preț {product}'],
  },
  ProductStockIntent: {
    'pt-BR': ['tem {product}', 'vocês têm {product}', 'tem {product} em estoque', '{product} está disponível', 'ainda tem {product}', '{product} está em estoque'],
    'it-IT': ['avete {product}', 'c\'è {product}', '{product} è disponibile', 'avete {product} in magazzino', 'è disponibile {product}', 'ci sono {product}'],
    'zh-CN': ['有 {product} 吗', '{product} 有货吗', '{product} 还有吗', '还有 {product} 吗', '{product} 有库存吗'],
    'pl-PL': ['czy macie {product}', 'czy jest {product}', 'czy {product} jest dostępny', 'czy {product} jest na stanie', 'macie {product}'],
    'ro-RO': ['aveți {product}', 'aveți {product} în stoc', 'este {product} în stoc', '{product} este disponibil', 'mai aveți {product}'],
  },
  ProductInfoIntent: {
    'pt-BR': ['fale sobre {product}', 'me fale sobre {product}', 'o que é {product}', 'descreva {product}', 'detalhes de {product}', 'mais sobre {product}'],
    'it-IT': ['parlami di {product}', 'cos\'è {product}', 'che cos\'è {product}', 'descrivi {product}', 'dettagli su {product}', 'dimmi di più su {product}'],
    'zh-CN': ['介绍一下 {product}', '{product} 是什么', '说说 {product}', '{product} 的详情', '告诉我 {product} 的信息'],
    'pl-PL': ['opowiedz o {product}', 'co to jest {product}', 'opisz {product}', 'szczegóły {product}', 'powiedz mi coś o {product}'],
    'ro-RO': ['spune-mi despre {product}', 'ce este {product}', 'descrie {product}', 'detalii despre {product}', 'mai multe despre {product}'],
  },
  ProductReviewsIntent: {
    'pt-BR': ['{product} é bom', '{product} é boa', 'avaliações de {product}', 'qual a nota de {product}', 'o que acham de {product}'],
    'it-IT': ['{product} è buono', '{product} è buona', 'recensioni di {product}', 'recensioni su {product}', 'che voto ha {product}', 'com\'è valutato {product}'],
    'zh-CN': ['{product} 好吗', '{product} 怎么样', '{product} 的评价', '{product} 评分多少', '{product} 的评论'],
    'pl-PL': ['czy {product} jest dobry', 'czy {product} jest dobra', 'opinie o {product}', 'jaka jest ocena {product}', 'recenzje {product}'],
    'ro-RO': ['e bun {product}', 'e bună {product}', 'recenzii pentru {product}', 'ce notă are {product}', 'părerile despre {product}'],
  },
  StockAlertIntent: {
    'pt-BR': ['me avise quando voltar', 'avise quando voltar', 'me avise quando {product} voltar', 'avise quando {product} chegar', 'me avisa quando tiver {product}'],
    'it-IT': ['avvisami quando torna', 'avvisami quando {product} torna disponibile', 'dimmi quando torna {product}', 'fammi sapere quando torna {product}'],
    'zh-CN': ['到货通知我', '有货了告诉我', '{product} 到货了通知我', '{product} 有货时告诉我'],
    'pl-PL': ['daj znać gdy wróci', 'powiadom mnie gdy wróci', 'powiadom mnie gdy {product} wróci', 'daj znać gdy {product} będzie dostępny'],
    'ro-RO': ['anunță-mă când revine', 'anunță-mă când {product} revine în stoc', 'spune-mi când ai din nou {product}', 'anunță-mă când revine {product}'],
  },
  AddToCartIntent: {
    'pt-BR': [
      'adicionar {product}', 'adicionar {quantity} {product}', 'adicione {product}', 'adicione {quantity} {product}', 'adiciona {product}', 'adiciona {quantity} {product}',
      'quero {product}', 'quero {quantity} {product}', 'eu quero {quantity} {product}', 'comprar {product}', 'comprar {quantity} {product}', 'me vê {quantity} {product}',
      'coloque {product} no carrinho', 'coloca {quantity} {product} no carrinho', 'põe {product} no carrinho', 'adicionar {product} ao carrinho',
    ],
    'it-IT': [
      'aggiungi {product}', 'aggiungi {quantity} {product}', 'voglio {product}', 'voglio {quantity} {product}', 'vorrei {product}', 'vorrei {quantity} {product}',
      'compra {product}', 'compra {quantity} {product}', 'prendo {quantity} {product}', 'metti {product} nel carrello', 'metti {quantity} {product} nel carrello', 'aggiungi {product} al carrello',
    ],
    'zh-CN': ['加 {product}', '加 {quantity} {product}', '添加 {product}', '添加 {quantity} {product}', '我要 {product}', '我要 {quantity} {product}', '买 {product}', '买 {quantity} {product}', '来 {quantity} {product}', '把 {product} 加入购物车', '加入购物车 {product}'],
    'pl-PL': [
      'dodaj {product}', 'dodaj {quantity} {product}', 'chcę {product}', 'chcę {quantity} {product}', 'poproszę {product}', 'poproszę {quantity} {product}',
      'kup {product}', 'kup {quantity} {product}', 'wezmę {quantity} {product}', 'dodaj {product} do koszyka', 'dodaj {quantity} {product} do koszyka', 'włóż {product} do koszyka',
    ],
    'ro-RO': [
      'adaugă {product}', 'adaugă {quantity} {product}', 'vreau {product}', 'vreau {quantity} {product}', 'aș vrea {product}', 'aș vrea {quantity} {product}',
      'cumpără {product}', 'cumpără {quantity} {product}', 'iau {quantity} {product}', 'pune {product} în coș', 'pune {quantity} {product} în coș', 'adaugă {product} în coș',
    ],
  },
  RemoveFromCartIntent: {
    'pt-BR': ['remover {product}', 'remova {product}', 'tirar {product}', 'tira {product}', 'tire {product} do carrinho', 'remover {quantity} {product}', 'não quero mais {product}'],
    'it-IT': ['togli {product}', 'rimuovi {product}', 'elimina {product}', 'togli {quantity} {product}', 'togli {product} dal carrello', 'non voglio più {product}'],
    'zh-CN': ['删除 {product}', '去掉 {product}', '移除 {product}', '不要 {product} 了', '把 {product} 从购物车删除'],
    'pl-PL': ['usuń {product}', 'wyrzuć {product}', 'usuń {quantity} {product}', 'usuń {product} z koszyka', 'nie chcę już {product}'],
    'ro-RO': ['scoate {product}', 'șterge {product}', 'elimină {product}', 'scoate {quantity} {product}', 'scoate {product} din coș', 'nu mai vreau {product}'],
  },
  ViewCartIntent: {
    'pt-BR': ['carrinho', 'meu carrinho', 'ver carrinho', 'ver o carrinho', 'mostrar carrinho', 'o que tem no meu carrinho', 'o que tem no carrinho'],
    'it-IT': ['carrello', 'il mio carrello', 'vedi carrello', 'mostra il carrello', 'cosa c\'è nel carrello', 'cosa ho nel carrello'],
    'zh-CN': ['购物车', '我的购物车', '查看购物车', '看看购物车', '购物车里有什么'],
    'pl-PL': ['koszyk', 'mój koszyk', 'pokaż koszyk', 'co mam w koszyku', 'co jest w koszyku'],
    'ro-RO': ['coșul', 'coșul meu', 'vezi coșul', 'arată-mi coșul', 'ce am în coș', 'ce este în coș'],
  },
  CheckoutIntent: {
    'pt-BR': ['finalizar compra', 'finalizar a compra', 'finalizar pedido', 'fechar pedido', 'fazer o pedido', 'pagar', 'é só isso', 'quero pagar'],
    'it-IT': ['cassa', 'vai alla cassa', 'completa l\'acquisto', 'concludi l\'ordine', 'conferma l\'ordine', 'pagare', 'voglio pagare', 'è tutto'],
    'zh-CN': ['结账', '去结账', '下单', '提交订单', '付款', '我要付款', '就这些'],
    'pl-PL': ['do kasy', 'przejdź do kasy', 'złóż zamówienie', 'zamawiam', 'zapłać', 'chcę zapłacić', 'to wszystko'],
    'ro-RO': ['finalizează comanda', 'finalizează', 'plasează comanda', 'plătește', 'vreau să plătesc', 'asta e tot'],
  },
  ReorderIntent: {
    'pt-BR': ['repetir pedido', 'repetir o último pedido', 'pedir de novo', 'comprar de novo', 'repetir o pedido {orderNumber}', 'repetir o pedido de {date}'],
    'it-IT': ['riordina', 'ripeti l\'ultimo ordine', 'ordina di nuovo', 'ricompra', 'ripeti l\'ordine {orderNumber}', 'ripeti l\'ordine di {date}'],
    'zh-CN': ['再来一单', '重复上次的订单', '再买一次', '重复订单 {orderNumber}', '重复 {date} 的订单'],
    'pl-PL': ['zamów ponownie', 'powtórz ostatnie zamówienie', 'kup jeszcze raz', 'powtórz zamówienie {orderNumber}', 'powtórz zamówienie z {date}'],
    'ro-RO': ['comandă din nou', 'repetă ultima comandă', 'cumpără din nou', 'repetă comanda {orderNumber}', 'repetă comanda din {date}'],
  },
  ReorderUsualIntent: {
    'pt-BR': ['o de sempre', 'o mesmo de sempre', 'meu pedido de sempre', 'pedir o de sempre', 'quero o de sempre'],
    'it-IT': ['il solito', 'il solito ordine', 'ordina il solito', 'la solita spesa', 'voglio il solito'],
    'zh-CN': ['老样子', '跟平时一样', '我常买的', '老样子来一份'],
    'pl-PL': ['to co zwykle', 'jak zwykle', 'moje stałe zamówienie', 'zamów to co zwykle'],
    'ro-RO': ['ca de obicei', 'comanda obișnuită', 'ce iau de obicei', 'comandă ca de obicei'],
  },
  OrderStatusIntent: {
    'pt-BR': ['onde está meu pedido', 'cadê meu pedido', 'status do pedido', 'rastrear meu pedido', 'status do pedido {orderNumber}', 'onde está o pedido {orderNumber}', 'quando chega meu pedido'],
    'it-IT': ['dov\'è il mio ordine', 'stato dell\'ordine', 'stato ordine', 'traccia il mio ordine', 'stato dell\'ordine {orderNumber}', 'dov\'è l\'ordine {orderNumber}', 'quando arriva il mio ordine'],
    'zh-CN': ['我的订单在哪', '我的订单在哪里', '订单状态', '查订单', '查询订单 {orderNumber}', '订单 {orderNumber} 到哪了', '什么时候到货'],
    'pl-PL': ['gdzie jest moje zamówienie', 'status zamówienia', 'śledź moje zamówienie', 'status zamówienia {orderNumber}', 'gdzie jest zamówienie {orderNumber}', 'kiedy przyjdzie moje zamówienie'],
    'ro-RO': ['unde este comanda mea', 'unde e comanda mea', 'starea comenzii', 'urmărește comanda', 'starea comenzii {orderNumber}', 'unde este comanda {orderNumber}', 'când ajunge comanda mea'],
  },
  CancelOrderIntent: {
    'pt-BR': ['cancelar meu pedido', 'cancelar o pedido', 'cancele meu pedido', 'cancelar o pedido {orderNumber}', 'quero cancelar meu pedido'],
    'it-IT': ['annulla il mio ordine', 'annulla l\'ordine', 'annulla l\'ordine {orderNumber}', 'voglio annullare l\'ordine', 'cancella il mio ordine'],
    'zh-CN': ['取消订单', '取消我的订单', '取消订单 {orderNumber}', '我要取消订单'],
    'pl-PL': ['anuluj moje zamówienie', 'anuluj zamówienie', 'anuluj zamówienie {orderNumber}', 'chcę anulować zamówienie'],
    'ro-RO': ['anulează comanda', 'anulează comanda mea', 'anulează comanda {orderNumber}', 'vreau să anulez comanda'],
  },
  ApplyDiscountIntent: {
    'pt-BR': ['aplicar o cupom {discountCode}', 'usar o cupom {discountCode}', 'cupom de desconto {discountCode}', 'meu cupom é {discountCode}', 'código promocional {discountCode}'],
    'it-IT': ['applica il codice sconto {discountCode}', 'usa il codice sconto {discountCode}', 'codice sconto {discountCode}', 'il mio codice sconto è {discountCode}', 'applica il coupon {discountCode}'],
    'zh-CN': ['使用优惠码 {discountCode}', '用优惠码 {discountCode}', '优惠码 {discountCode}', '我的优惠码是 {discountCode}', '使用优惠券 {discountCode}'],
    'pl-PL': ['użyj kodu rabatowego {discountCode}', 'zastosuj kod rabatowy {discountCode}', 'kod rabatowy {discountCode}', 'mój kod rabatowy to {discountCode}', 'użyj kuponu {discountCode}'],
    'ro-RO': ['aplică codul de reducere {discountCode}', 'folosește codul de reducere {discountCode}', 'cod de reducere {discountCode}', 'codul meu de reducere este {discountCode}', 'aplică cuponul {discountCode}'],
  },
  VoiceCodeIntent: {
    'pt-BR': ['{code}', 'meu código é {code}', 'o código é {code}', 'código {code}'],
    'it-IT': ['{code}', 'il mio codice è {code}', 'il codice è {code}', 'codice {code}'],
    'zh-CN': ['{code}', '我的密码是 {code}', '密码是 {code}', '密码 {code}'],
    'pl-PL': ['{code}', 'mój kod to {code}', 'kod to {code}', 'kod {code}'],
    'ro-RO': ['{code}', 'codul meu este {code}', 'codul este {code}', 'cod {code}'],
  },
  AddCardIntent: {
    'pt-BR': ['adicionar um cartão', 'adicionar meu cartão', 'salvar um cartão', 'cadastrar um cartão', 'quero adicionar um cartão', 'salvar meu cartão', 'cadastrar meu cartão', 'adicionar um cartão de crédito', 'adicionar um cartão de débito', 'usar um cartão novo', 'quero salvar um cartão'],
    'it-IT': ['aggiungi una carta', 'aggiungi la mia carta', 'salva una carta', 'registra una carta', 'voglio aggiungere una carta', 'salva la mia carta', 'registra la mia carta', 'aggiungi una carta di credito', 'aggiungi una carta di debito', 'usa una nuova carta', 'voglio salvare una carta'],
    'zh-CN': ['添加银行卡', '添加一张卡', '保存银行卡', '绑定银行卡', '我要添加银行卡'],
    'pl-PL': ['dodaj kartę', 'dodaj moją kartę', 'zapisz kartę', 'chcę dodać kartę', 'dodaj kartę płatniczą'],
    'ro-RO': ['adaugă un card', 'adaugă cardul meu', 'salvează un card', 'vreau să adaug un card', 'adaugă un card de plată'],
  },
  RemoveCardIntent: {
    'pt-BR': ['remover meu cartão', 'apagar meu cartão', 'excluir meu cartão', 'esquecer meu cartão', 'quero remover meu cartão', 'remover o cartão salvo', 'apagar o cartão salvo', 'excluir o cartão salvo', 'tirar meu cartão', 'quero apagar meu cartão', 'remover meu cartão de crédito'],
    'it-IT': ['rimuovi la mia carta', 'elimina la mia carta', 'cancella la mia carta', 'dimentica la mia carta', 'voglio rimuovere la mia carta', 'rimuovi la carta salvata', 'elimina la carta salvata', 'togli la mia carta', 'voglio eliminare la mia carta', 'rimuovi la mia carta di credito', 'cancella la carta salvata'],
    'zh-CN': ['删除我的银行卡', '移除我的银行卡', '解绑银行卡', '我要删除银行卡'],
    'pl-PL': ['usuń moją kartę', 'skasuj moją kartę', 'zapomnij moją kartę', 'chcę usunąć kartę'],
    'ro-RO': ['șterge cardul meu', 'elimină cardul meu', 'uită cardul meu', 'vreau să șterg cardul'],
  },
  WhichCardIntent: {
    'pt-BR': ['qual cartão você tem', 'qual cartão está salvo', 'qual é o meu cartão', 'qual cartão vai ser cobrado', 'qual cartão eu tenho', 'qual cartão está cadastrado', 'mostrar meu cartão', 'qual é o cartão salvo', 'que cartão você tem', 'qual cartão você vai usar'],
    'it-IT': ['quale carta hai', 'quale carta è salvata', 'qual è la mia carta', 'quale carta addebiterai', 'quale carta ho', 'quale carta è registrata', 'mostra la mia carta', 'qual è la carta salvata', 'che carta hai', 'quale carta userai'],
    'zh-CN': ['你有哪张卡', '保存的是哪张卡', '我的卡是哪张', '会从哪张卡扣款'],
    'pl-PL': ['jaką kartę masz', 'która karta jest zapisana', 'jaka jest moja karta', 'którą kartę obciążysz'],
    'ro-RO': ['ce card ai', 'ce card este salvat', 'care este cardul meu', 'ce card vei debita'],
  },
  SetVoiceCodeIntent: {
    'pt-BR': ['definir código de voz', 'definir meu código de voz', 'mudar meu código de voz', 'novo código de voz', 'esqueci meu código de voz'],
    'it-IT': ['imposta codice vocale', 'imposta il mio codice vocale', 'cambia il codice vocale', 'nuovo codice vocale', 'ho dimenticato il codice vocale'],
    'zh-CN': ['设置语音密码', '修改语音密码', '新的语音密码', '我忘了语音密码'],
    'pl-PL': ['ustaw kod głosowy', 'zmień kod głosowy', 'nowy kod głosowy', 'zapomniałem kodu głosowego', 'zapomniałam kodu głosowego'],
    'ro-RO': ['setează cod vocal', 'setează codul vocal', 'schimbă codul vocal', 'cod vocal nou', 'am uitat codul vocal'],
  },
  LinkAccountIntent: {
    'pt-BR': ['vincular minha conta', 'vincular conta', 'conectar minha conta', 'entrar na minha conta'],
    'it-IT': ['collega il mio account', 'collega account', 'collegare l\'account', 'accedi al mio account'],
    'zh-CN': ['关联我的账户', '关联账户', '绑定账户', '登录账户'],
    'pl-PL': ['połącz moje konto', 'połącz konto', 'zaloguj mnie', 'podłącz konto'],
    'ro-RO': ['conectează-mi contul', 'conectează contul', 'leagă contul', 'autentifică-mă'],
  },
  OptOutIntent: {
    'pt-BR': ['pare de me mandar ofertas', 'não quero mais ofertas', 'cancelar inscrição', 'sair da lista', 'parar promoções'],
    'it-IT': ['smetti di mandarmi offerte', 'non voglio più offerte', 'annulla iscrizione', 'disiscrivimi', 'basta offerte'],
    'zh-CN': ['不要再给我发优惠', '退订优惠', '不要促销信息', '取消订阅'],
    'pl-PL': ['przestań wysyłać mi oferty', 'nie chcę ofert', 'wypisz mnie', 'rezygnuję z ofert'],
    'ro-RO': ['nu-mi mai trimite oferte', 'nu mai vreau oferte', 'dezabonează-mă', 'renunț la oferte'],
  },
  OptInIntent: {
    'pt-BR': ['quero receber ofertas', 'me mande ofertas', 'quero me inscrever', 'quero promoções'],
    'it-IT': ['voglio ricevere offerte', 'mandami offerte', 'iscrivimi', 'voglio le promozioni'],
    'zh-CN': ['给我发优惠', '我要订阅优惠', '订阅', '我想收到优惠'],
    'pl-PL': ['chcę dostawać oferty', 'wysyłaj mi oferty', 'zapisz mnie', 'chcę promocje'],
    'ro-RO': ['vreau să primesc oferte', 'trimite-mi oferte', 'abonează-mă', 'vreau promoții'],
  },
  StopMessagesIntent: {
    'pt-BR': ['pare de me mandar mensagens', 'não quero mais mensagens', 'parar notificações', 'desligar notificações', 'parar'],
    'it-IT': ['smetti di mandarmi messaggi', 'non voglio più messaggi', 'disattiva le notifiche', 'basta messaggi', 'basta'],
    'zh-CN': ['停止', '不要再给我发消息', '关闭通知', '停止通知', '别再发消息了'],
    'pl-PL': ['przestań wysyłać mi wiadomości', 'nie chcę więcej wiadomości', 'wyłącz powiadomienia', 'koniec wiadomości'],
    'ro-RO': ['nu-mi mai trimite mesaje', 'nu mai vreau mesaje', 'oprește notificările', 'dezactivează notificările'],
  },
  StartMessagesIntent: {
    'pt-BR': ['volte a me mandar mensagens', 'ligar notificações', 'quero receber notificações', 'reativar mensagens'],
    'it-IT': ['riprendi a mandarmi messaggi', 'attiva le notifiche', 'voglio ricevere notifiche', 'riattiva i messaggi'],
    'zh-CN': ['恢复通知', '打开通知', '重新给我发消息', '我要接收通知'],
    'pl-PL': ['znowu wysyłaj mi wiadomości', 'włącz powiadomienia', 'chcę dostawać powiadomienia', 'wznów wiadomości'],
    'ro-RO': ['trimite-mi din nou mesaje', 'pornește notificările', 'vreau să primesc notificări', 'reactivează mesajele'],
  },
  HandoffIntent: {
    'pt-BR': ['falar com uma pessoa', 'falar com um atendente', 'atendente', 'quero falar com alguém', 'atendimento humano'],
    'it-IT': ['parlare con una persona', 'parlare con un operatore', 'operatore', 'voglio parlare con qualcuno', 'assistenza clienti'],
    'zh-CN': ['人工', '转人工', '人工客服', '我要找客服', '找真人'],
    'pl-PL': ['rozmowa z człowiekiem', 'konsultant', 'chcę rozmawiać z konsultantem', 'połącz z konsultantem', 'obsługa klienta'],
    'ro-RO': ['vreau să vorbesc cu un om', 'operator', 'vorbesc cu un operator', 'serviciul clienți', 'vreau un operator'],
  },
  GiftFinderIntent: {
    'pt-BR': ['ideias de presente', 'me ajude a achar um presente', 'preciso de um presente', 'presente para alguém de {age} anos', 'presente de {category}', 'até {budget} reais', '{age} anos'],
    'it-IT': ['idee regalo', 'aiutami a trovare un regalo', 'mi serve un regalo', 'un regalo per qualcuno di {age} anni', 'un regalo di {category}', 'fino a {budget} euro', '{age} anni'],
    'zh-CN': ['礼物推荐', '帮我挑礼物', '我需要一份礼物', '送给 {age} 岁的人的礼物', '{category} 类的礼物', '{budget} 元以内', '{age} 岁'],
    'pl-PL': ['pomysły na prezent', 'pomóż mi znaleźć prezent', 'potrzebuję prezentu', 'prezent dla osoby w wieku {age} lat', 'prezent z kategorii {category}', 'do {budget} złotych', '{age} lat'],
    'ro-RO': ['idei de cadouri', 'ajută-mă să găsesc un cadou', 'am nevoie de un cadou', 'un cadou pentru cineva de {age} ani', 'un cadou din {category}', 'până în {budget} lei', '{age} ani'],
  },
  'AMAZON.HelpIntent': {
    'pt-BR': ['ajuda', 'me ajuda', 'o que você faz', 'como funciona'],
    'it-IT': ['aiuto', 'aiutami', 'cosa sai fare', 'come funziona'],
    'zh-CN': ['帮助', '你能做什么', '怎么用', '我能说什么'],
    'pl-PL': ['pomoc', 'pomóż mi', 'co potrafisz', 'jak to działa'],
    'ro-RO': ['ajutor', 'ajută-mă', 'ce poți face', 'cum funcționează'],
  },
  'AMAZON.StopIntent': {
    'pt-BR': ['sair', 'tchau', 'até logo', 'é isso'],
    'it-IT': ['esci', 'arrivederci', 'a presto', 'fine'],
    'zh-CN': ['退出', '再见', '拜拜', '就这样'],
    'pl-PL': ['wyjdź', 'do widzenia', 'na razie', 'koniec'],
    'ro-RO': ['ieși', 'la revedere', 'pa', 'gata'],
  },
  'AMAZON.CancelIntent': {
    'pt-BR': ['cancelar', 'deixa pra lá', 'esquece'],
    'it-IT': ['annulla', 'lascia stare', 'non importa'],
    'zh-CN': ['取消', '算了', '不用了'],
    'pl-PL': ['anuluj', 'nieważne', 'zapomnij'],
    'ro-RO': ['anulează', 'las-o baltă', 'nu contează'],
  },
  'AMAZON.YesIntent': {
    'pt-BR': ['sim', 'isso', 'pode', 'claro', 'confirmo', 'sim por favor', 'pode fazer', 'certo'],
    'it-IT': ['sì', 'certo', 'va bene', 'confermo', 'sì grazie', 'procedi', 'esatto'],
    'zh-CN': ['是', '是的', '好', '好的', '确认', '可以', '对'],
    'pl-PL': ['tak', 'jasne', 'dobrze', 'potwierdzam', 'tak poproszę', 'zgadza się'],
    'ro-RO': ['da', 'sigur', 'bine', 'confirm', 'da te rog', 'corect'],
  },
  'AMAZON.NoIntent': {
    'pt-BR': ['não', 'não obrigado', 'agora não', 'nem pensar'],
    'it-IT': ['no grazie', 'non ora', 'per niente', 'no no'],
    'zh-CN': ['不', '不是', '不要', '不用', '不了'],
    'pl-PL': ['nie', 'nie dziękuję', 'nie teraz', 'raczej nie'],
    'ro-RO': ['nu', 'nu mulțumesc', 'nu acum', 'nicidecum'],
  },
};

/**
 * More phrasings in the two languages that have Alexa models (pt-BR, it-IT): a custom intent needs at
 * least ten samples there (certify's model.sample-count). Joined to the table above.
 */
const VOICE_MODEL_SAMPLES: Record<string, Partial<Samples>> = {
  BrowseIntent: { 'pt-BR': ['quero ver {product}', 'quais são as opções de {product}'], 'it-IT': ['quali {product} avete', 'mostrami i {product}', 'cerco {product}'] },
  AddToCartIntent: { 'pt-BR': [], 'it-IT': ['aggiungere {product}', 'aggiungere {quantity} {product}'] },
  ViewCartIntent: { 'pt-BR': ['o que eu adicionei', 'ler meu carrinho', 'mostre meu carrinho'], 'it-IT': ['cosa ho aggiunto', 'leggimi il carrello', 'mostrami il carrello', 'apri il carrello', 'vedere il carrello'] },
  ProductPriceIntent: {
    'pt-BR': ['quanto é {product}', 'quanto sai {product}', 'me diga o preço de {product}', 'quanto está {product}'],
    'it-IT': ['quanto viene {product}', 'dimmi il prezzo di {product}', 'a quanto è {product}', 'quanto costa il {product}'],
  },
  ProductStockIntent: {
    'pt-BR': ['vocês vendem {product}', 'tem {product} disponível', 'ainda tem {product} em estoque', '{product} acabou'],
    'it-IT': ['vendete {product}', 'avete ancora {product}', '{product} è esaurito', 'ci sono ancora {product}'],
  },
  ProductInfoIntent: {
    'pt-BR': ['o que são {product}', 'quero saber mais sobre {product}', 'me conte sobre {product}', 'informações sobre {product}'],
    'it-IT': ['cosa sono {product}', 'voglio sapere di più su {product}', 'informazioni su {product}', 'raccontami di {product}'],
  },
  ProductReviewsIntent: {
    'pt-BR': ['{product} vale a pena', 'como é avaliado {product}', 'quantas estrelas tem {product}', 'o que os clientes dizem de {product}', 'leia as avaliações de {product}'],
    'it-IT': ['{product} vale la pena', 'quante stelle ha {product}', 'cosa dicono i clienti di {product}', 'leggimi le recensioni di {product}'],
  },
  StockAlertIntent: {
    'pt-BR': ['me avise quando {product} estiver disponível', 'quero ser avisado quando {product} voltar', 'me notifique quando voltar', 'avise quando chegar', 'me avisa quando tiver de novo'],
    'it-IT': ['avvisami quando {product} è disponibile', 'voglio sapere quando torna {product}', 'avvisami quando arriva', 'fammi sapere quando torna', 'dimmi quando torna disponibile', 'notificami quando torna'],
  },
  RemoveFromCartIntent: { 'pt-BR': ['retire {product}', 'tire {product}', 'remover {product} do carrinho'], 'it-IT': ['elimina {product} dal carrello', 'rimuovi {quantity} {product}', 'non mi serve più {product}', 'togli il {product}'] },

  CheckoutIntent: { 'pt-BR': ['concluir a compra', 'quero finalizar'], 'it-IT': ['vorrei pagare', 'procedi al pagamento'] },
  ReorderIntent: {
    'pt-BR': ['refazer o último pedido', 'fazer o mesmo pedido de novo', 'comprar a mesma coisa de novo', 'repetir a compra'],
    'it-IT': ['rifai il mio ultimo ordine', 'ordina la stessa cosa', 'compra di nuovo le stesse cose', 'ripeti la spesa'],
  },
  ReorderUsualIntent: {
    'pt-BR': ['meu pedido de costume', 'o pedido de sempre', 'pede o de sempre', 'me manda o de sempre', 'as compras de sempre'],
    'it-IT': ['la mia solita spesa', 'ordina la solita spesa', 'il mio ordine abituale', 'mandami il solito', 'prendo il solito'],
  },
  OrderStatusIntent: { 'pt-BR': ['meu pedido já saiu', 'meu pedido foi entregue', 'acompanhar pedido'], 'it-IT': ['il mio ordine è partito', 'il mio ordine è stato consegnato', 'segui il mio ordine'] },
  CancelOrderIntent: {
    'pt-BR': ['cancelar meu último pedido', 'cancele o pedido {orderNumber}', 'não quero mais meu pedido', 'desfazer meu pedido', 'cancelar a entrega'],
    'it-IT': ["annulla il mio ultimo ordine", "cancella l'ordine {orderNumber}", 'non voglio più il mio ordine', 'disdici il mio ordine', 'annulla la consegna'],
  },
  ApplyDiscountIntent: {
    'pt-BR': ['tenho um cupom {discountCode}', 'aplicar o código promocional {discountCode}', 'usar o código de desconto {discountCode}', 'resgatar o cupom {discountCode}', 'meu código de desconto é {discountCode}'],
    'it-IT': ['ho un codice sconto {discountCode}', 'usa il coupon {discountCode}', 'applica il codice promozionale {discountCode}', 'riscatta il codice {discountCode}', 'il mio coupon è {discountCode}'],
  },
  VoiceCodeIntent: {
    'pt-BR': ['meu código de voz é {code}', 'código de voz {code}', 'é {code}', 'a senha é {code}', 'minha senha é {code}', 'senha {code}'],
    'it-IT': ['il mio codice vocale è {code}', 'codice vocale {code}', 'è {code}', 'il pin è {code}', 'il mio pin è {code}', 'pin {code}'],
  },
  SetVoiceCodeIntent: {
    'pt-BR': ['criar um código de voz', 'trocar meu código de voz', 'redefinir meu código de voz', 'quero um novo código de voz', 'mudar minha senha'],
    'it-IT': ['crea un codice vocale', 'reimposta il codice vocale', 'voglio un nuovo codice vocale', 'cambia il mio pin', 'imposta il pin'],
  },
  LinkAccountIntent: {
    'pt-BR': ['quero vincular minha conta', 'conectar conta', 'fazer login', 'entrar', 'tenho um código de vínculo', 'código de vínculo'],
    'it-IT': ['voglio collegare il mio account', 'collega il mio profilo', 'fammi accedere', 'accedi', 'ho un codice di collegamento', 'codice di collegamento'],
  },
  OptOutIntent: {
    'pt-BR': ['não quero mais promoções', 'pare as ofertas', 'me tire da lista', 'cancelar as ofertas', 'não me mande ofertas'],
    'it-IT': ['non voglio più promozioni', 'niente più offerte', 'toglimi dalla lista', 'cancellami dalla lista', 'non mandarmi offerte'],
  },
  OptInIntent: {
    'pt-BR': ['quero ofertas', 'me inscreva nas ofertas', 'quero saber das promoções', 'me mande promoções', 'comece a me mandar ofertas', 'quero receber promoções'],
    'it-IT': ['voglio le offerte', 'iscrivimi alle offerte', 'mandami le promozioni', 'inizia a mandarmi offerte', 'voglio sapere delle promozioni', 'voglio ricevere promozioni'],
  },
  StopMessagesIntent: {
    'pt-BR': ['não me mande mais mensagens', 'chega de mensagens', 'chega de notificações', 'pare as notificações', 'não quero mais notificações'],
    'it-IT': ['non mandarmi più messaggi', 'niente più messaggi', 'niente più notifiche', 'ferma le notifiche', 'non voglio più notifiche'],
  },
  StartMessagesIntent: {
    'pt-BR': ['volte a me mandar notificações', 'ativar notificações', 'quero receber mensagens de novo', 'me mande atualizações dos pedidos', 'retomar as notificações', 'ligar as mensagens'],
    'it-IT': ['riprendi a mandarmi notifiche', 'riattiva le notifiche', 'voglio di nuovo i messaggi', 'mandami gli aggiornamenti degli ordini', 'riprendi le notifiche', 'attiva i messaggi'],
  },
  HandoffIntent: {
    'pt-BR': ['falar com um humano', 'quero um atendente', 'me passa para uma pessoa', 'falar com o suporte', 'atendimento ao cliente'],
    'it-IT': ['parlare con un umano', 'voglio un operatore', 'passami una persona', 'parlare con il supporto', 'servizio clienti'],
  },
  GiftFinderIntent: {
    'pt-BR': ['sugira um presente', 'preciso de um presente de aniversário', 'ideias de presente de natal', 'o que eu dou para alguém de {age} anos'],
    'it-IT': ['suggeriscimi un regalo', 'mi serve un regalo di compleanno', 'idee regalo per natale', 'cosa regalo a qualcuno di {age} anni'],
  },
};

for (const [alexa, extra] of Object.entries(VOICE_MODEL_SAMPLES)) {
  const samples = OTHER_LANGUAGE_SAMPLES[alexa];
  if (!samples) continue;
  for (const locale of ['pt-BR', 'it-IT'] as const) samples[locale] = [...samples[locale], ...(extra[locale] ?? [])];
}

/** The Alexa dialog model's prompts in pt-BR and it-IT, per `Intent.slot` the English table elicits. */
export const VOICE_MODEL_PROMPTS: Record<string, Record<'pt-BR' | 'it-IT', string[]>> = {
  'AddToCartIntent.product': {
    'pt-BR': ['Qual produto você quer adicionar?', 'O que você quer colocar no carrinho?', 'O que devo pôr no seu carrinho?'],
    'it-IT': ['Quale prodotto vuoi aggiungere?', 'Cosa vuoi mettere nel carrello?', 'Cosa aggiungo al carrello?'],
  },
  'VoiceCodeIntent.code': {
    'pt-BR': ['Por favor, diga o seu código de voz de quatro dígitos.', 'Qual é o seu código de voz?'],
    'it-IT': ['Per favore, dimmi il tuo codice vocale di quattro cifre.', 'Qual è il tuo codice vocale?'],
  },
};
