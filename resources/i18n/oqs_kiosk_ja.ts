<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>Consent</name>
    <message>
        <source>Past medication</source>
        <translation>過去のお薬の情報</translation>
    </message>
    <message>
        <source>Health check-up results</source>
        <translation>特定健診などの健診結果</translation>
    </message>
    <message>
        <source>Past treatment</source>
        <translation>過去の診療の情報</translation>
    </message>
    <message>
        <source>Past operations</source>
        <translation>過去の手術の情報</translation>
    </message>
</context>
<context>
    <name>ConsentAllScreen</name>
    <message>
        <source>If you agree, the doctors and pharmacists here may see these for 24 hours, for your care today.</source>
        <translation>同意すると、本日の診療のために、この医療機関の医師・薬剤師が次の情報を24時間閲覧できます。</translation>
    </message>
    <message>
        <source>Agree to all</source>
        <translation>すべて同意する</translation>
    </message>
    <message>
        <source>Do not agree</source>
        <translation>同意しない</translation>
    </message>
    <message>
        <source>Choose one by one</source>
        <translation>項目ごとに選ぶ</translation>
    </message>
</context>
<context>
    <name>ConsentItemScreen</name>
    <message>
        <source>Question {0} of {1}. If you agree, the doctors and pharmacists here may see it for 24 hours.</source>
        <translation>{1}問中{0}問目です。同意すると、この医療機関の医師・薬剤師が24時間閲覧できます。</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>同意する</translation>
    </message>
    <message>
        <source>Do not agree</source>
        <translation>同意しない</translation>
    </message>
</context>
<context>
    <name>DoneScreen</name>
    <message>
        <source>Please take your card.</source>
        <translation>カードをお取りください。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>FaceCaptureScreen</name>
    <message>
        <source>Let us try once more.</source>
        <translation>もう一度お試しください。</translation>
    </message>
    <message>
        <source>The camera is starting…</source>
        <translation>カメラを起動しています…</translation>
    </message>
</context>
<context>
    <name>Guidance</name>
    <message>
        <source>Please look at the camera.</source>
        <translation>カメラの方を向いてください。</translation>
    </message>
    <message>
        <source>One person at a time, please. Others, step back a little.</source>
        <translation>お一人ずつお願いします。ほかの方は少し離れてください。</translation>
    </message>
    <message>
        <source>Please come a little closer.</source>
        <translation>もう少し近づいてください。</translation>
    </message>
    <message>
        <source>Please move back a little.</source>
        <translation>少し離れてください。</translation>
    </message>
    <message>
        <source>Please move so your face is inside the oval.</source>
        <translation>顔が枠の中に入るように動いてください。</translation>
    </message>
    <message>
        <source>It is too dark. Please face the light.</source>
        <translation>暗すぎます。明るい方を向いてください。</translation>
    </message>
    <message>
        <source>There is too much light behind you.</source>
        <translation>後ろが明るすぎます。</translation>
    </message>
    <message>
        <source>Please keep still for a moment.</source>
        <translation>少しの間、動かないでください。</translation>
    </message>
    <message>
        <source>Please look straight at the camera.</source>
        <translation>まっすぐカメラを見てください。</translation>
    </message>
    <message>
        <source>If you wear a mask, please take it off for a moment.</source>
        <translation>マスクをお使いの方は、少しの間外してください。</translation>
    </message>
    <message>
        <source>Please move your head slightly.</source>
        <translation>頭を少し動かしてください。</translation>
    </message>
    <message>
        <source>Hold still, checking…</source>
        <translation>そのままお待ちください。確認しています…</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Cancel</source>
        <translation>やめる</translation>
    </message>
    <message>
        <source>No touch for a while: back to the start in {0} s. Touch the screen to continue.</source>
        <translation>操作がないため、あと{0}秒で最初の画面に戻ります。続けるには画面に触れてください。</translation>
    </message>
</context>
<context>
    <name>IdleScreen</name>
    <message>
        <source>The card reader is not connected.</source>
        <translation>カードリーダーが接続されていません。</translation>
    </message>
    <message>
        <source>Please tell the staff.</source>
        <translation>職員にお知らせください。</translation>
    </message>
    <message>
        <source>Put it on the card tray with the photo side up.</source>
        <translation>顔写真の面を上にして、カード置き場に置いてください。</translation>
    </message>
    <message>
        <source>Use a smartphone instead</source>
        <translation>スマートフォンで受付する</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>English</source>
        <translation>日本語</translation>
    </message>
</context>
<context>
    <name>Method</name>
    <message>
        <source>Face recognition</source>
        <translation>顔認証</translation>
    </message>
    <message>
        <source>PIN (4 digits)</source>
        <translation>暗証番号（4桁）</translation>
    </message>
    <message>
        <source>Ask the staff</source>
        <translation>職員による確認</translation>
    </message>
</context>
<context>
    <name>NextStep</name>
    <message>
        <source>Place the card again. If this repeats, please ask the staff.</source>
        <translation>カードを置き直してください。繰り返す場合は職員にお声がけください。</translation>
    </message>
    <message>
        <source>Your municipal office can renew or unlock the card. For today, please ask the reception staff.</source>
        <translation>カードの更新やロック解除は、お住まいの市区町村の窓口でできます。本日は受付の職員にお声がけください。</translation>
    </message>
    <message>
        <source>Please choose another way.</source>
        <translation>別の方法をお選びください。</translation>
    </message>
    <message>
        <source>Please use your My Number card instead.</source>
        <translation>マイナンバーカードをお使いください。</translation>
    </message>
    <message>
        <source>Please speak to the reception staff.</source>
        <translation>受付の職員にお声がけください。</translation>
    </message>
    <message>
        <source>Please place your card again to start over.</source>
        <translation>もう一度カードを置いて、やり直してください。</translation>
    </message>
</context>
<context>
    <name>Notice</name>
    <message>
        <source>Your card's certificate expires within 3 months. Please renew it at your municipal office.</source>
        <translation>電子証明書の有効期限が3か月以内に切れます。お住まいの市区町村で更新してください。</translation>
    </message>
    <message>
        <source>Your card's certificate has expired: only your insurance was confirmed. Please renew it at your municipal office.</source>
        <translation>電子証明書の有効期限が切れています。保険の資格のみ確認しました。お住まいの市区町村で更新してください。</translation>
    </message>
    <message>
        <source>Last try: a wrong PIN locks the card, and only your municipal office can unlock it.</source>
        <translation>残り1回です。間違えるとカードがロックされ、市区町村の窓口でしか解除できません。</translation>
    </message>
    <message>
        <source>Your check-in will reach reception in a moment; the staff have been told.</source>
        <translation>受付結果はまもなく受付に届きます。職員にお知らせしました。</translation>
    </message>
</context>
<context>
    <name>PhoneGuideScreen</name>
    <message>
        <source>Which smartphone do you have?</source>
        <translation>お使いのスマートフォンを選んでください。</translation>
    </message>
    <message>
        <source>Choose the other smartphone</source>
        <translation>別のスマートフォンを選ぶ</translation>
    </message>
    <message>
        <source>1. On the iPhone, open your My Number card in Wallet and confirm with Face ID or Touch ID (double-click the side button).
2. Hold the iPhone over the card reader until it vibrates.</source>
        <translation>1. iPhoneのウォレットでマイナンバーカードを開き、Face ID または Touch ID で認証してください（サイドボタンをダブルクリック）。
2. 振動するまで、iPhoneをカードリーダーにかざしてください。</translation>
    </message>
    <message>
        <source>1. Hold the smartphone over the card reader for a moment.
2. Then enter the 4-digit PIN of your smartphone certificate on this screen.</source>
        <translation>1. スマートフォンをカードリーダーにしばらくかざしてください。
2. そのあと、スマホ用電子証明書の暗証番号（4桁）をこの画面で入力します。</translation>
    </message>
</context>
<context>
    <name>PinEntryScreen</name>
    <message>
        <source>Enter the 4-digit PIN of your smartphone certificate</source>
        <translation>スマホ用電子証明書の暗証番号（4桁）を入力してください</translation>
    </message>
    <message>
        <source>You can try {0} more times.</source>
        <translation>あと{0}回入力できます。</translation>
    </message>
    <message>
        <source>You can try 1 more time.</source>
        <translation>あと1回入力できます。</translation>
    </message>
    <message>
        <source>Not sure? Press Cancel and ask the staff.</source>
        <translation>迷ったら「やめる」を押して、職員にお声がけください。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>1字消す</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PrescriptionScreen</name>
    <message>
        <source>An electronic prescription goes straight to the pharmacy you choose; a paper one is printed for you.</source>
        <translation>電子処方箋は選んだ薬局に直接届きます。紙の処方箋は印刷してお渡しします。</translation>
    </message>
    <message>
        <source>Electronic prescription</source>
        <translation>電子処方箋</translation>
    </message>
    <message>
        <source>Paper prescription</source>
        <translation>紙の処方箋</translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <source>The card could not be read.</source>
        <translation>カードを読み取れませんでした。</translation>
    </message>
    <message>
        <source>This is not a My Number card.</source>
        <translation>マイナンバーカードではありません。</translation>
    </message>
    <message>
        <source>The PIN is locked after too many wrong entries.</source>
        <translation>暗証番号を続けて間違えたため、ロックされています。</translation>
    </message>
    <message>
        <source>Your face could not be matched with the card photo.</source>
        <translation>カードの顔写真と一致しませんでした。</translation>
    </message>
    <message>
        <source>Smartphones cannot be used at this clinic.</source>
        <translation>この医療機関ではスマートフォンはお使いいただけません。</translation>
    </message>
    <message>
        <source>The card's certificate is not valid.</source>
        <translation>カードの電子証明書の有効期限が切れているか、失効しています。</translation>
    </message>
    <message>
        <source>The card's certificate could not be verified.</source>
        <translation>カードの電子証明書を確認できませんでした。</translation>
    </message>
    <message>
        <source>Your identity could not be confirmed.</source>
        <translation>本人確認ができませんでした。</translation>
    </message>
    <message>
        <source>The insurance service cannot be reached right now.</source>
        <translation>資格確認の通信ができませんでした。</translation>
    </message>
    <message>
        <source>Your health insurance is not valid.</source>
        <translation>保険の資格が無効です。</translation>
    </message>
    <message>
        <source>No health insurance was found for you.</source>
        <translation>保険の資格情報が見つかりませんでした。</translation>
    </message>
    <message>
        <source>Your check-in could not be recorded.</source>
        <translation>受付結果を記録できませんでした。</translation>
    </message>
    <message>
        <source>The card was taken away before the end.</source>
        <translation>途中でカードが取り出されました。</translation>
    </message>
    <message>
        <source>The screen was not touched for a while.</source>
        <translation>しばらく操作がありませんでした。</translation>
    </message>
    <message>
        <source>The staff member could not confirm your identity.</source>
        <translation>職員による本人確認ができませんでした。</translation>
    </message>
    <message>
        <source>There is no way left to confirm your identity here.</source>
        <translation>ご利用いただける本人確認の方法がありません。</translation>
    </message>
    <message>
        <source>The printed side of the card could not be read.</source>
        <translation>カードの券面を読み取れませんでした。</translation>
    </message>
    <message>
        <source>This card has no face photo.</source>
        <translation>このカードには顔写真がありません。</translation>
    </message>
    <message>
        <source>The camera cannot be used right now.</source>
        <translation>現在カメラを使えません。</translation>
    </message>
    <message>
        <source>This kiosk cannot check this card yet: it needs an update.</source>
        <translation>この受付機では、まだこのカードを確認できません（受付機の更新が必要です）。</translation>
    </message>
    <message>
        <source>Something went wrong inside the kiosk.</source>
        <translation>機器の内部で問題が起きました。</translation>
    </message>
    <message>
        <source>Code {0}</source>
        <translation>コード {0}</translation>
    </message>
</context>
<context>
    <name>ProblemScreen</name>
    <message>
        <source>Please take your card, then press OK.</source>
        <translation>カードをお取りになり、OKを押してください。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>StaffCheckScreen</name>
    <message>
        <source>Card photo</source>
        <translation>カードの顔写真</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>カメラ</translation>
    </message>
    <message>
        <source>The camera is starting…</source>
        <translation>カメラを起動しています…</translation>
    </message>
    <message>
        <source>Staff: is this the person in the card photo? Enter the visual-check password to confirm.</source>
        <translation>職員の方へ：カードの写真と同じ方か確認し、目視確認のパスワードを入力してください。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Same person</source>
        <translation>本人と確認</translation>
    </message>
    <message>
        <source>Not the same person</source>
        <translation>本人と確認できない</translation>
    </message>
    <message>
        <source>Wrong password. Please try again.</source>
        <translation>パスワードが違います。もう一度入力してください。</translation>
    </message>
</context>
<context>
    <name>Stage</name>
    <message>
        <source>Card</source>
        <translation>カード</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>本人確認</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完了</translation>
    </message>
</context>
<context>
    <name>Title</name>
    <message>
        <source>Please place your My Number card</source>
        <translation>マイナンバーカードを置いてください</translation>
    </message>
    <message>
        <source>Check in with your smartphone</source>
        <translation>スマートフォンで受付</translation>
    </message>
    <message>
        <source>Reading your card…</source>
        <translation>カードを読み取っています…</translation>
    </message>
    <message>
        <source>How would you like to confirm who you are?</source>
        <translation>本人確認の方法を選んでください</translation>
    </message>
    <message>
        <source>Getting face recognition ready…</source>
        <translation>顔認証の準備をしています…</translation>
    </message>
    <message>
        <source>Checking your face with the card photo</source>
        <translation>カードの顔写真と照合しています</translation>
    </message>
    <message>
        <source>Enter your 4-digit PIN</source>
        <translation>暗証番号（4桁）を入力してください</translation>
    </message>
    <message>
        <source>Checking your PIN…</source>
        <translation>暗証番号を確認しています…</translation>
    </message>
    <message>
        <source>Staff will confirm who you are</source>
        <translation>職員が本人確認をします</translation>
    </message>
    <message>
        <source>Confirming your health insurance…</source>
        <translation>保険の資格を確認しています…</translation>
    </message>
    <message>
        <source>May this clinic see your medical information?</source>
        <translation>医療情報の提供に同意しますか</translation>
    </message>
    <message>
        <source>May this clinic see this information?</source>
        <translation>次の情報の提供に同意しますか</translation>
    </message>
    <message>
        <source>How would you like your prescription?</source>
        <translation>処方箋の受け取り方法を選んでください</translation>
    </message>
    <message>
        <source>Completing your check-in…</source>
        <translation>受付しています…</translation>
    </message>
    <message>
        <source>You are checked in</source>
        <translation>受付が完了しました</translation>
    </message>
    <message>
        <source>Check-in could not be completed</source>
        <translation>受付できませんでした</translation>
    </message>
</context>
<context>
    <name>WaitingScreen</name>
    <message>
        <source>Please leave the card where it is.</source>
        <translation>カードはそのまま置いておいてください。</translation>
    </message>
    <message>
        <source>Reading the photo on your card. The camera starts in a moment.</source>
        <translation>カードの顔写真を読み取っています。まもなくカメラが始まります。</translation>
    </message>
    <message>
        <source>This takes a few seconds.</source>
        <translation>数秒かかります。</translation>
    </message>
    <message>
        <source>Almost done.</source>
        <translation>まもなく完了します。</translation>
    </message>
</context>
<context>
    <name>Voice</name>
    <message>
        <source>Listen
again</source>
        <translation>もう一度
聞く</translation>
    </message>
    <message>
        <source>The camera is at the top of the screen. Please look at it.</source>
        <translation>カメラは画面の上にあります。カメラを見てください。</translation>
    </message>
</context>
<context>
    <name>Access</name>
    <message>
        <source>Large text</source>
        <translation>文字を大きく</translation>
    </message>
    <message>
        <source>Makes every text on the screen larger, for this visit.</source>
        <translation>この受付の間、画面の文字をすべて大きくします。</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>白黒反転（見やすい配色）</translation>
    </message>
    <message>
        <source>Shows the screen in yellow and white on black, for this visit.</source>
        <translation>この受付の間、黒地に黄色と白の見やすい配色で表示します。</translation>
    </message>
    <message>
        <source>Seated (wheelchair)</source>
        <translation>車いす（座ったまま操作）</translation>
    </message>
    <message>
        <source>Moves every button to the lower half of the screen and expects your face lower, for this visit.</source>
        <translation>この受付の間、ボタンをすべて画面の下半分に移し、顔の位置も低めに合わせます。</translation>
    </message>
</context>
<context>
    <name>Accessible</name>
    <message>
        <source>Says the screen's guidance again.</source>
        <translation>この画面の案内をもう一度読み上げます。</translation>
    </message>
    <message>
        <source>Stops the check-in and goes back to the start.</source>
        <translation>受付をやめて、最初の画面に戻ります。</translation>
    </message>
    <message>
        <source>Shows every screen in this language.</source>
        <translation>画面をこの言語で表示します。</translation>
    </message>
    <message>
        <source>Check in with a smartphone that carries your My Number card.</source>
        <translation>マイナンバーカードを登録したスマートフォンで受付します。</translation>
    </message>
    <message>
        <source>Shows how to check in with an iPhone.</source>
        <translation>iPhoneでの受付のしかたを表示します。</translation>
    </message>
    <message>
        <source>Shows how to check in with an Android smartphone.</source>
        <translation>Androidスマートフォンでの受付のしかたを表示します。</translation>
    </message>
    <message>
        <source>Shows the steps for the other kind of smartphone.</source>
        <translation>もう一方のスマートフォンの手順を表示します。</translation>
    </message>
    <message>
        <source>Confirms who you are by comparing your face with the card photo.</source>
        <translation>カードの顔写真とお顔を照らし合わせて本人確認をします。</translation>
    </message>
    <message>
        <source>Confirms who you are with the card's 4-digit PIN.</source>
        <translation>カードの暗証番号（数字4桁）で本人確認をします。</translation>
    </message>
    <message>
        <source>A staff member compares you with the card photo.</source>
        <translation>職員がカードの顔写真とご本人を確認します。</translation>
    </message>
    <message>
        <source>Types this digit. The screen shows only a dot.</source>
        <translation>この数字を入力します。画面には●だけが表示されます。</translation>
    </message>
    <message>
        <source>Erases every digit typed.</source>
        <translation>入力した数字をすべて消します。</translation>
    </message>
    <message>
        <source>Erases the last digit typed.</source>
        <translation>最後に入力した数字を1つ消します。</translation>
    </message>
    <message>
        <source>Checks the PIN. Available once 4 digits are typed.</source>
        <translation>暗証番号を確認します。4桁入力すると押せます。</translation>
    </message>
    <message>
        <source>For staff: the patient is the person in the card photo. Needs the password.</source>
        <translation>職員用：カードの顔写真の本人であることを確認します。パスワードが必要です。</translation>
    </message>
    <message>
        <source>For staff: the patient is not the person in the card photo.</source>
        <translation>職員用：カードの顔写真の本人と確認できません。</translation>
    </message>
    <message>
        <source>Agrees to all the information listed.</source>
        <translation>表示されている情報すべてに同意します。</translation>
    </message>
    <message>
        <source>Agrees to none of the information listed.</source>
        <translation>表示されている情報のいずれにも同意しません。</translation>
    </message>
    <message>
        <source>Asks about each kind of information in turn.</source>
        <translation>情報の種類ごとに順にお聞きします。</translation>
    </message>
    <message>
        <source>Agrees to this information.</source>
        <translation>この情報に同意します。</translation>
    </message>
    <message>
        <source>Does not agree to this information.</source>
        <translation>この情報に同意しません。</translation>
    </message>
    <message>
        <source>Your prescription goes to the pharmacy electronically.</source>
        <translation>処方箋を電子で薬局に送ります。</translation>
    </message>
    <message>
        <source>Your prescription is printed on paper.</source>
        <translation>処方箋を紙で印刷します。</translation>
    </message>
    <message>
        <source>Ends the check-in. Please take your card.</source>
        <translation>受付を終わります。カードをお取りください。</translation>
    </message>
    <message>
        <source>Goes back to the start. Please take your card first.</source>
        <translation>最初の画面に戻ります。先にカードをお取りください。</translation>
    </message>
</context>
</TS>
