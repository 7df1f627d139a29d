namespace Meguro.Learning.Demo;

/// <summary>A name part with its reading and a romanisation for mail addresses.</summary>
internal readonly record struct NamePart(string Kanji, string Kana, string Romaji);

/// <summary>
/// Our own name tables. Bogus's ja locale has kanji names only, and a roster whose カナ does not
/// match its 氏名 would break sorting and search in the app, so every name here carries its reading.
/// </summary>
internal static class DemoNames
{
    public static readonly NamePart[] Family =
    [
        new("佐藤", "サトウ", "sato"), new("鈴木", "スズキ", "suzuki"), new("高橋", "タカハシ", "takahashi"),
        new("田中", "タナカ", "tanaka"), new("伊藤", "イトウ", "ito"), new("渡辺", "ワタナベ", "watanabe"),
        new("山本", "ヤマモト", "yamamoto"), new("中村", "ナカムラ", "nakamura"), new("小林", "コバヤシ", "kobayashi"),
        new("加藤", "カトウ", "kato"), new("吉田", "ヨシダ", "yoshida"), new("山田", "ヤマダ", "yamada"),
        new("佐々木", "ササキ", "sasaki"), new("山口", "ヤマグチ", "yamaguchi"), new("松本", "マツモト", "matsumoto"),
        new("井上", "イノウエ", "inoue"), new("木村", "キムラ", "kimura"), new("林", "ハヤシ", "hayashi"),
        new("斎藤", "サイトウ", "saito"), new("清水", "シミズ", "shimizu"), new("山崎", "ヤマザキ", "yamazaki"),
        new("森", "モリ", "mori"), new("池田", "イケダ", "ikeda"), new("橋本", "ハシモト", "hashimoto"),
        new("阿部", "アベ", "abe"), new("石川", "イシカワ", "ishikawa"), new("山下", "ヤマシタ", "yamashita"),
        new("中島", "ナカジマ", "nakajima"), new("石井", "イシイ", "ishii"), new("小川", "オガワ", "ogawa"),
        new("前田", "マエダ", "maeda"), new("岡田", "オカダ", "okada"), new("長谷川", "ハセガワ", "hasegawa"),
        new("藤田", "フジタ", "fujita"), new("後藤", "ゴトウ", "goto"), new("近藤", "コンドウ", "kondo"),
        new("村上", "ムラカミ", "murakami"), new("遠藤", "エンドウ", "endo"), new("青木", "アオキ", "aoki"),
        new("坂本", "サカモト", "sakamoto"), new("福田", "フクダ", "fukuda"), new("太田", "オオタ", "ota"),
        new("西村", "ニシムラ", "nishimura"), new("藤井", "フジイ", "fujii"), new("金子", "カネコ", "kaneko"),
        new("岡本", "オカモト", "okamoto"), new("藤原", "フジワラ", "fujiwara"), new("中野", "ナカノ", "nakano"),
        new("三浦", "ミウラ", "miura"), new("原田", "ハラダ", "harada"), new("中川", "ナカガワ", "nakagawa"),
        new("松田", "マツダ", "matsuda"), new("竹内", "タケウチ", "takeuchi"), new("小野", "オノ", "ono"),
        new("田村", "タムラ", "tamura"), new("中山", "ナカヤマ", "nakayama"), new("和田", "ワダ", "wada"),
        new("石田", "イシダ", "ishida"), new("森田", "モリタ", "morita"), new("上田", "ウエダ", "ueda"),
        new("原", "ハラ", "hara"), new("柴田", "シバタ", "shibata"), new("酒井", "サカイ", "sakai"),
        new("工藤", "クドウ", "kudo"), new("横山", "ヨコヤマ", "yokoyama"), new("宮崎", "ミヤザキ", "miyazaki"),
        new("宮本", "ミヤモト", "miyamoto"), new("内田", "ウチダ", "uchida"), new("高木", "タカギ", "takagi"),
    ];

    public static readonly NamePart[] Male =
    [
        new("太郎", "タロウ", "taro"), new("健一", "ケンイチ", "kenichi"), new("大輔", "ダイスケ", "daisuke"),
        new("翔太", "ショウタ", "shota"), new("拓也", "タクヤ", "takuya"), new("直樹", "ナオキ", "naoki"),
        new("健太", "ケンタ", "kenta"), new("誠", "マコト", "makoto"), new("浩", "ヒロシ", "hiroshi"),
        new("隆", "タカシ", "takashi"), new("聡", "サトシ", "satoshi"), new("学", "マナブ", "manabu"),
        new("剛", "ツヨシ", "tsuyoshi"), new("修", "オサム", "osamu"), new("茂", "シゲル", "shigeru"),
        new("和也", "カズヤ", "kazuya"), new("達也", "タツヤ", "tatsuya"), new("雄一", "ユウイチ", "yuichi"),
        new("洋平", "ヨウヘイ", "yohei"), new("亮", "リョウ", "ryo"), new("翔", "ショウ", "sho"),
        new("蓮", "レン", "ren"), new("悠斗", "ユウト", "yuto"), new("陽翔", "ハルト", "haruto"),
        new("大翔", "ヒロト", "hiroto"), new("湊", "ミナト", "minato"), new("颯太", "ソウタ", "sota"),
        new("陸", "リク", "riku"), new("悠真", "ユウマ", "yuma"), new("海斗", "カイト", "kaito"),
        new("大樹", "ダイキ", "daiki"), new("康介", "コウスケ", "kosuke"), new("裕太", "ユウタ", "yuta"),
        new("俊介", "シュンスケ", "shunsuke"), new("一郎", "イチロウ", "ichiro"), new("正人", "マサト", "masato"),
        new("昭彦", "アキヒコ", "akihiko"), new("秀樹", "ヒデキ", "hideki"), new("雅之", "マサユキ", "masayuki"),
        new("智之", "トモユキ", "tomoyuki"), new("和彦", "カズヒコ", "kazuhiko"), new("信也", "シンヤ", "shinya"),
        new("哲也", "テツヤ", "tetsuya"), new("浩二", "コウジ", "koji"), new("純一", "ジュンイチ", "junichi"),
        new("慎一", "シンイチ", "shinichi"), new("賢治", "ケンジ", "kenji"), new("祐介", "ユウスケ", "yusuke"),
        new("直人", "ナオト", "naoto"), new("圭介", "ケイスケ", "keisuke"), new("光", "ヒカル", "hikaru"),
        new("悟", "サトル", "satoru"), new("進", "ススム", "susumu"), new("勇気", "ユウキ", "yuki"),
        new("隼人", "ハヤト", "hayato"), new("徹", "トオル", "toru"), new("大介", "ダイスケ", "daisuke"),
        new("智也", "トモヤ", "tomoya"), new("優一", "ユウイチ", "yuichi"), new("良太", "リョウタ", "ryota"),
    ];

    public static readonly NamePart[] Female =
    [
        new("花子", "ハナコ", "hanako"), new("由美", "ユミ", "yumi"), new("陽子", "ヨウコ", "yoko"),
        new("恵子", "ケイコ", "keiko"), new("裕子", "ユウコ", "yuko"), new("美穂", "ミホ", "miho"),
        new("真由美", "マユミ", "mayumi"), new("久美子", "クミコ", "kumiko"), new("智子", "トモコ", "tomoko"),
        new("直美", "ナオミ", "naomi"), new("明美", "アケミ", "akemi"), new("由紀", "ユキ", "yuki"),
        new("香織", "カオリ", "kaori"), new("さくら", "サクラ", "sakura"), new("美咲", "ミサキ", "misaki"),
        new("愛", "アイ", "ai"), new("彩", "アヤ", "aya"), new("舞", "マイ", "mai"),
        new("千尋", "チヒロ", "chihiro"), new("沙織", "サオリ", "saori"), new("恵", "メグミ", "megumi"),
        new("優子", "ユウコ", "yuko"), new("友美", "トモミ", "tomomi"), new("亜希子", "アキコ", "akiko"),
        new("典子", "ノリコ", "noriko"), new("幸子", "サチコ", "sachiko"), new("和子", "カズコ", "kazuko"),
        new("京子", "キョウコ", "kyoko"), new("理恵", "リエ", "rie"), new("奈々", "ナナ", "nana"),
        new("結衣", "ユイ", "yui"), new("陽菜", "ヒナ", "hina"), new("葵", "アオイ", "aoi"),
        new("凛", "リン", "rin"), new("芽衣", "メイ", "mei"), new("結菜", "ユイナ", "yuina"),
        new("杏奈", "アンナ", "anna"), new("莉子", "リコ", "riko"), new("美紀", "ミキ", "miki"),
        new("真理", "マリ", "mari"), new("佳奈", "カナ", "kana"), new("遥", "ハルカ", "haruka"),
        new("瞳", "ヒトミ", "hitomi"), new("綾香", "アヤカ", "ayaka"), new("絵美", "エミ", "emi"),
        new("真紀", "マキ", "maki"), new("順子", "ジュンコ", "junko"), new("弘美", "ヒロミ", "hiromi"),
        new("由香", "ユカ", "yuka"), new("千晴", "チハル", "chiharu"), new("紗希", "サキ", "saki"),
        new("菜摘", "ナツミ", "natsumi"), new("里奈", "リナ", "rina"), new("詩織", "シオリ", "shiori"),
        new("加奈子", "カナコ", "kanako"), new("麻衣", "マイ", "mai"), new("紀子", "ノリコ", "noriko"),
        new("美樹", "ミキ", "miki"), new("早紀", "サキ", "saki"), new("薫", "カオル", "kaoru"),
    ];
}
