-- Help centre articles: one slug, four languages.  Rerunnable: it upserts.
-- Bodies are plain text: blank lines part paragraphs; "- " lines make a list.

CREATE FUNCTION pg_temp.faq(p_slug text, p_theme text, p_pos integer,
    p_lang text, p_title text, p_summary text, p_body text)
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
	aid bigint;
BEGIN
	INSERT INTO faq_articles (slug, theme_code, position)
	VALUES (p_slug, p_theme, p_pos)
	ON CONFLICT (slug) DO UPDATE
		SET theme_code = EXCLUDED.theme_code, position = EXCLUDED.position
	RETURNING id INTO aid;
	INSERT INTO faq_article_texts (article_id, lang, title, summary, body)
	VALUES (aid, p_lang, p_title, p_summary, p_body)
	ON CONFLICT (article_id, lang) DO UPDATE
		SET title = EXCLUDED.title, summary = EXCLUDED.summary,
		    body = EXCLUDED.body;
END $f$;

-- Theme: login ---------------------------------------------------------------

SELECT pg_temp.faq('login-with-eid', 'login', 1, 'fr',
$$Comment me connecter avec ma carte eID ?$$,
$$Avec un lecteur de carte, le logiciel eID et votre code PIN, vous vous connectez en toute sécurité.$$,
$$Pour vous connecter avec votre carte d'identité électronique, il vous faut :

- un lecteur de carte eID branché sur votre ordinateur ;
- le logiciel eID (eID Middleware), téléchargeable gratuitement sur eid.belgium.be ;
- votre carte d'identité et son code PIN à 4 chiffres.

Insérez la carte dans le lecteur, puis choisissez « Se connecter avec la carte eID ». Votre navigateur vous demande de choisir un certificat : prenez celui dont le nom contient « Authentication » (et non « Signature »). Tapez ensuite votre code PIN.

Le guichet ne reçoit jamais votre code PIN : il est vérifié par la puce de la carte. Retirez votre carte lorsque vous avez terminé.$$);
SELECT pg_temp.faq('login-with-eid', 'login', 1, 'nl',
$$Hoe meld ik me aan met mijn eID-kaart?$$,
$$Met een kaartlezer, de eID-software en uw pincode meldt u zich veilig aan.$$,
$$Om u aan te melden met uw elektronische identiteitskaart hebt u nodig:

- een eID-kaartlezer aangesloten op uw computer;
- de eID-software (eID Middleware), gratis te downloaden op eid.belgium.be;
- uw identiteitskaart en haar pincode van 4 cijfers.

Steek de kaart in de lezer en kies "Aanmelden met de eID-kaart". Uw browser vraagt u een certificaat te kiezen: neem het certificaat met "Authentication" in de naam (niet "Signature"). Typ daarna uw pincode.

Het loket ontvangt uw pincode nooit: de chip van de kaart controleert hem. Neem uw kaart uit de lezer wanneer u klaar bent.$$);
SELECT pg_temp.faq('login-with-eid', 'login', 1, 'de',
$$Wie melde ich mich mit meiner eID-Karte an?$$,
$$Mit einem Kartenleser, der eID-Software und Ihrem PIN-Code melden Sie sich sicher an.$$,
$$Um sich mit Ihrem elektronischen Personalausweis anzumelden, benötigen Sie:

- einen eID-Kartenleser, der an Ihren Computer angeschlossen ist;
- die eID-Software (eID Middleware), kostenlos erhältlich auf eid.belgium.be;
- Ihren Personalausweis und seinen 4-stelligen PIN-Code.

Stecken Sie die Karte in den Leser und wählen Sie „Mit der eID-Karte anmelden“. Ihr Browser bittet Sie, ein Zertifikat zu wählen: Nehmen Sie dasjenige mit „Authentication“ im Namen (nicht „Signature“). Geben Sie dann Ihren PIN-Code ein.

Der Schalter erhält Ihren PIN-Code nie: Er wird vom Chip der Karte geprüft. Nehmen Sie Ihre Karte heraus, wenn Sie fertig sind.$$);
SELECT pg_temp.faq('login-with-eid', 'login', 1, 'en',
$$How do I log in with my eID card?$$,
$$With a card reader, the eID software and your PIN code, you log in securely.$$,
$$To log in with your electronic identity card you need:

- an eID card reader connected to your computer;
- the eID software (eID Middleware), free to download from eid.belgium.be;
- your identity card and its 4-digit PIN code.

Insert the card in the reader and choose "Log in with the eID card". Your browser asks you to choose a certificate: take the one whose name contains "Authentication" (not "Signature"). Then type your PIN code.

The counter never receives your PIN code: the card's chip checks it. Take your card out of the reader when you are done.$$);

SELECT pg_temp.faq('eid-pin-code', 'login', 2, 'fr',
$$Qu'est-ce que le code PIN de ma carte eID, et que faire si je l'ai oublié ?$$,
$$Le code PIN protège votre carte. Après trois erreurs, elle est bloquée : votre commune peut la débloquer.$$,
$$Le code PIN est un code secret de 4 chiffres que vous avez reçu par courrier avec votre carte d'identité, dans une lettre qui contient aussi le code PUK. Il prouve que c'est bien vous qui utilisez la carte.

Si vous tapez trois fois un code PIN erroné, la carte est bloquée. Présentez-vous à l'administration communale avec votre carte et votre code PUK : elle peut débloquer la carte et vous permettre de choisir un nouveau code PIN.

Si vous avez perdu votre code PUK, la commune peut en demander un nouveau ; il vous est envoyé par courrier. Ne communiquez jamais votre code PIN, ni par téléphone ni par courriel : aucune administration ne vous le demandera.$$);
SELECT pg_temp.faq('eid-pin-code', 'login', 2, 'nl',
$$Wat is de pincode van mijn eID-kaart en wat als ik hem vergeten ben?$$,
$$De pincode beschermt uw kaart. Na drie fouten is ze geblokkeerd: uw gemeente kan ze deblokkeren.$$,
$$De pincode is een geheime code van 4 cijfers die u per post ontving met uw identiteitskaart, in een brief die ook de PUK-code bevat. Hij bewijst dat u het bent die de kaart gebruikt.

Als u drie keer een verkeerde pincode typt, wordt de kaart geblokkeerd. Ga naar het gemeentebestuur met uw kaart en uw PUK-code: daar kan men de kaart deblokkeren en kunt u een nieuwe pincode kiezen.

Bent u uw PUK-code kwijt, dan kan de gemeente een nieuwe aanvragen; die wordt u per post bezorgd. Geef uw pincode nooit door, niet telefonisch en niet per e-mail: geen enkele overheid zal hem vragen.$$);
SELECT pg_temp.faq('eid-pin-code', 'login', 2, 'de',
$$Was ist der PIN-Code meiner eID-Karte und was tun, wenn ich ihn vergessen habe?$$,
$$Der PIN-Code schützt Ihre Karte. Nach drei Fehlern wird sie gesperrt: Ihre Gemeinde kann sie entsperren.$$,
$$Der PIN-Code ist ein 4-stelliger Geheimcode, den Sie per Post mit Ihrem Personalausweis erhalten haben, in einem Brief, der auch den PUK-Code enthält. Er beweist, dass Sie selbst die Karte benutzen.

Wenn Sie dreimal einen falschen PIN-Code eingeben, wird die Karte gesperrt. Gehen Sie mit Ihrer Karte und Ihrem PUK-Code zur Gemeindeverwaltung: Dort kann die Karte entsperrt werden und Sie können einen neuen PIN-Code wählen.

Wenn Sie Ihren PUK-Code verloren haben, kann die Gemeinde einen neuen beantragen; er wird Ihnen per Post zugeschickt. Geben Sie Ihren PIN-Code nie weiter, weder am Telefon noch per E-Mail: Keine Verwaltung wird ihn verlangen.$$);
SELECT pg_temp.faq('eid-pin-code', 'login', 2, 'en',
$$What is my eID card's PIN code, and what if I forgot it?$$,
$$The PIN code protects your card. After three mistakes it is blocked: your municipality can unblock it.$$,
$$The PIN code is a secret 4-digit code you received by post with your identity card, in a letter that also holds the PUK code. It proves that you are the one using the card.

If you type a wrong PIN code three times, the card is blocked. Go to your municipal administration with your card and your PUK code: they can unblock the card and let you choose a new PIN code.

If you lost your PUK code, the municipality can order a new one; it is sent to you by post. Never give your PIN code to anyone, by phone or by email: no administration will ever ask for it.$$);

SELECT pg_temp.faq('login-itsme', 'login', 3, 'fr',
$$Puis-je me connecter avec itsme ?$$,
$$Ce guichet accepte la carte eID et, pour certaines démarches, un code reçu par courriel. itsme n'est pas encore proposé.$$,
$$itsme est une application pour smartphone reconnue par l'État fédéral comme clé numérique. Ce guichet ne la propose pas encore : connectez-vous avec votre carte eID, ou avec un code unique reçu par courriel lorsque la démarche le permet.

Nous prévoyons de raccorder le guichet au service d'authentification fédéral, qui donne accès à itsme et aux autres clés numériques reconnues. Cette page sera mise à jour à ce moment.

Si vous n'avez pas de lecteur de carte, de nombreuses communes et bibliothèques mettent à disposition des bornes et des ordinateurs équipés.$$);
SELECT pg_temp.faq('login-itsme', 'login', 3, 'nl',
$$Kan ik me aanmelden met itsme?$$,
$$Dit loket aanvaardt de eID-kaart en, voor sommige aanvragen, een code per e-mail. itsme wordt nog niet aangeboden.$$,
$$itsme is een smartphone-app die de federale overheid erkent als digitale sleutel. Dit loket biedt ze nog niet aan: meld u aan met uw eID-kaart, of met een eenmalige code per e-mail wanneer de aanvraag dat toelaat.

Wij plannen het loket aan te sluiten op de federale authenticatiedienst, die toegang geeft tot itsme en de andere erkende digitale sleutels. Deze pagina wordt dan bijgewerkt.

Hebt u geen kaartlezer, dan stellen veel gemeenten en bibliotheken terminals en uitgeruste computers ter beschikking.$$);
SELECT pg_temp.faq('login-itsme', 'login', 3, 'de',
$$Kann ich mich mit itsme anmelden?$$,
$$Dieser Schalter akzeptiert die eID-Karte und, für manche Verfahren, einen Code per E-Mail. itsme wird noch nicht angeboten.$$,
$$itsme ist eine Smartphone-App, die der Föderalstaat als digitalen Schlüssel anerkennt. Dieser Schalter bietet sie noch nicht an: Melden Sie sich mit Ihrer eID-Karte an oder, wenn das Verfahren es erlaubt, mit einem einmaligen Code per E-Mail.

Wir planen, den Schalter an den föderalen Authentifizierungsdienst anzuschließen, der Zugang zu itsme und den anderen anerkannten digitalen Schlüsseln gibt. Diese Seite wird dann aktualisiert.

Wenn Sie keinen Kartenleser haben, stellen viele Gemeinden und Bibliotheken Terminals und ausgestattete Computer zur Verfügung.$$);
SELECT pg_temp.faq('login-itsme', 'login', 3, 'en',
$$Can I log in with itsme?$$,
$$This counter accepts the eID card and, for some procedures, a code sent by email. itsme is not offered yet.$$,
$$itsme is a smartphone app that the federal state recognises as a digital key. This counter does not offer it yet: log in with your eID card, or with a one-time code sent by email when the procedure allows it.

We plan to connect the counter to the federal authentication service, which gives access to itsme and the other recognised digital keys. This page will be updated then.

If you have no card reader, many municipalities and libraries offer kiosks and equipped computers.$$);

SELECT pg_temp.faq('login-email-code', 'login', 4, 'fr',
$$Comment fonctionne la connexion par code reçu par courriel ?$$,
$$Pour les démarches simples, un code à usage unique envoyé à votre adresse suffit. Il expire après 10 minutes.$$,
$$Certaines démarches demandent un niveau de sécurité moins élevé, par exemple une demande d'information. Vous pouvez alors vous connecter sans carte eID : indiquez votre adresse électronique, et nous vous envoyons un code à usage unique.

Le code est valable 10 minutes et ne peut servir qu'une fois. Après plusieurs essais erronés, il faut en demander un nouveau ; pour votre sécurité, le nombre de demandes est limité.

Une connexion par code a un niveau de sécurité « faible ». Si vous voulez envoyer une démarche qui demande la carte eID, le guichet vous demandera de vous reconnecter avec votre carte : ce que vous avez déjà rempli est conservé.$$);
SELECT pg_temp.faq('login-email-code', 'login', 4, 'nl',
$$Hoe werkt aanmelden met een code per e-mail?$$,
$$Voor eenvoudige aanvragen volstaat een eenmalige code naar uw adres. Hij vervalt na 10 minuten.$$,
$$Sommige aanvragen vragen een lager beveiligingsniveau, bijvoorbeeld een vraag om informatie. U kunt zich dan aanmelden zonder eID-kaart: geef uw e-mailadres op en wij sturen u een eenmalige code.

De code is 10 minuten geldig en kan maar één keer dienen. Na verschillende foute pogingen moet u een nieuwe vragen; voor uw veiligheid is het aantal aanvragen beperkt.

Een aanmelding met een code heeft het beveiligingsniveau "laag". Wilt u een aanvraag versturen die de eID-kaart vereist, dan vraagt het loket u opnieuw aan te melden met uw kaart: wat u al invulde, blijft bewaard.$$);
SELECT pg_temp.faq('login-email-code', 'login', 4, 'de',
$$Wie funktioniert die Anmeldung mit einem Code per E-Mail?$$,
$$Für einfache Verfahren genügt ein einmaliger Code an Ihre Adresse. Er verfällt nach 10 Minuten.$$,
$$Manche Verfahren verlangen eine niedrigere Sicherheitsstufe, zum Beispiel eine Informationsanfrage. Sie können sich dann ohne eID-Karte anmelden: Geben Sie Ihre E-Mail-Adresse an, und wir senden Ihnen einen einmaligen Code.

Der Code ist 10 Minuten gültig und kann nur einmal verwendet werden. Nach mehreren falschen Versuchen müssen Sie einen neuen anfordern; zu Ihrer Sicherheit ist die Zahl der Anfragen begrenzt.

Eine Anmeldung per Code hat die Sicherheitsstufe „niedrig“. Wenn Sie ein Verfahren senden möchten, das die eID-Karte verlangt, bittet Sie der Schalter, sich mit Ihrer Karte erneut anzumelden: Was Sie schon ausgefüllt haben, bleibt erhalten.$$);
SELECT pg_temp.faq('login-email-code', 'login', 4, 'en',
$$How does logging in with a code sent by email work?$$,
$$For simple procedures, a one-time code sent to your address is enough. It expires after 10 minutes.$$,
$$Some procedures need a lower level of security, for example a request for information. You can then log in without an eID card: give your email address and we send you a one-time code.

The code is valid for 10 minutes and works only once. After several wrong tries you must ask for a new one; for your safety, the number of requests is limited.

A login with a code has the security level "low". If you want to send a procedure that needs the eID card, the counter asks you to log in again with your card: what you already filled in is kept.$$);

SELECT pg_temp.faq('card-reader-problems', 'login', 5, 'fr',
$$Mon lecteur de carte ou mon certificat n'est pas reconnu$$,
$$Vérifiez le logiciel eID, le lecteur et le choix du certificat. La plupart des problèmes se règlent en quelques minutes.$$,
$$Si la connexion avec la carte eID échoue, vérifiez dans l'ordre :

- le logiciel eID est installé et à jour (eid.belgium.be propose un outil de diagnostic) ;
- le lecteur est bien branché et la carte est insérée puce vers le haut ;
- votre carte n'est pas expirée et ses certificats sont actifs ;
- vous avez choisi le certificat « Authentication » et non « Signature ».

Si votre navigateur ne vous propose aucun certificat, fermez-le complètement, insérez la carte, puis rouvrez-le. Sur un ordinateur professionnel, un pare-feu ou un proxy peut bloquer les certificats : demandez à votre service informatique.

Un message « accès refusé » après le choix du certificat signifie que la carte n'a pas été acceptée : carte expirée, certificat révoqué ou certificat de signature. Votre commune peut renouveler les certificats.$$);
SELECT pg_temp.faq('card-reader-problems', 'login', 5, 'nl',
$$Mijn kaartlezer of mijn certificaat wordt niet herkend$$,
$$Controleer de eID-software, de lezer en de keuze van het certificaat. De meeste problemen zijn snel opgelost.$$,
$$Als aanmelden met de eID-kaart mislukt, controleer dan in deze volgorde:

- de eID-software is geïnstalleerd en bijgewerkt (eid.belgium.be biedt een diagnosetool);
- de lezer is goed aangesloten en de kaart zit erin met de chip naar boven;
- uw kaart is niet vervallen en haar certificaten zijn actief;
- u koos het certificaat "Authentication" en niet "Signature".

Als uw browser geen enkel certificaat voorstelt, sluit hem dan volledig, steek de kaart in de lezer en open hem opnieuw. Op een computer van het werk kan een firewall of proxy de certificaten blokkeren: vraag het uw informaticadienst.

Een melding "toegang geweigerd" na de keuze van het certificaat betekent dat de kaart niet aanvaard werd: vervallen kaart, ingetrokken certificaat of handtekeningcertificaat. Uw gemeente kan de certificaten vernieuwen.$$);
SELECT pg_temp.faq('card-reader-problems', 'login', 5, 'de',
$$Mein Kartenleser oder mein Zertifikat wird nicht erkannt$$,
$$Prüfen Sie die eID-Software, den Leser und die Wahl des Zertifikats. Die meisten Probleme sind schnell gelöst.$$,
$$Wenn die Anmeldung mit der eID-Karte scheitert, prüfen Sie der Reihe nach:

- die eID-Software ist installiert und aktuell (eid.belgium.be bietet ein Diagnosewerkzeug);
- der Leser ist richtig angeschlossen und die Karte steckt mit dem Chip nach oben;
- Ihre Karte ist nicht abgelaufen und ihre Zertifikate sind aktiv;
- Sie haben das Zertifikat „Authentication“ gewählt und nicht „Signature“.

Wenn Ihr Browser kein Zertifikat anbietet, schließen Sie ihn ganz, stecken Sie die Karte ein und öffnen Sie ihn wieder. An einem Arbeitscomputer kann eine Firewall oder ein Proxy die Zertifikate blockieren: Fragen Sie Ihre IT-Abteilung.

Die Meldung „Zugriff verweigert“ nach der Wahl des Zertifikats bedeutet, dass die Karte nicht angenommen wurde: abgelaufene Karte, widerrufenes Zertifikat oder Signaturzertifikat. Ihre Gemeinde kann die Zertifikate erneuern.$$);
SELECT pg_temp.faq('card-reader-problems', 'login', 5, 'en',
$$My card reader or my certificate is not recognised$$,
$$Check the eID software, the reader and the choice of certificate. Most problems are solved in minutes.$$,
$$If logging in with the eID card fails, check in this order:

- the eID software is installed and up to date (eid.belgium.be offers a diagnostic tool);
- the reader is plugged in and the card is inserted chip up;
- your card has not expired and its certificates are active;
- you chose the "Authentication" certificate, not "Signature".

If your browser offers no certificate at all, close it completely, insert the card and open it again. On a work computer, a firewall or proxy may block the certificates: ask your IT department.

An "access denied" message after choosing the certificate means the card was not accepted: an expired card, a revoked certificate or a signature certificate. Your municipality can renew the certificates.$$);

SELECT pg_temp.faq('foreigner-card', 'login', 6, 'fr',
$$Je suis étranger résidant en Belgique : puis-je utiliser ma carte ?$$,
$$Oui. Les cartes électroniques pour étrangers contiennent les mêmes certificats que la carte d'identité belge.$$,
$$Les cartes électroniques délivrées aux étrangers qui résident en Belgique (cartes A, B, E, F, K, L, M...) contiennent, comme la carte d'identité belge, un certificat d'authentification et un certificat de signature. Vous vous connectez donc de la même manière, avec un lecteur de carte et votre code PIN.

Votre numéro de registre national, ou votre numéro bis si vous n'êtes pas inscrit au registre national, est lu sur la carte. Les enfants de moins de 12 ans reçoivent une carte sans certificats actifs : un parent agit alors pour eux.$$);
SELECT pg_temp.faq('foreigner-card', 'login', 6, 'nl',
$$Ik ben een vreemdeling die in België woont: kan ik mijn kaart gebruiken?$$,
$$Ja. Elektronische vreemdelingenkaarten bevatten dezelfde certificaten als de Belgische identiteitskaart.$$,
$$De elektronische kaarten voor vreemdelingen die in België wonen (kaarten A, B, E, F, K, L, M...) bevatten, net als de Belgische identiteitskaart, een authenticatiecertificaat en een handtekeningcertificaat. U meldt zich dus op dezelfde manier aan, met een kaartlezer en uw pincode.

Uw rijksregisternummer, of uw bisnummer als u niet in het rijksregister ingeschreven bent, wordt van de kaart gelezen. Kinderen jonger dan 12 jaar krijgen een kaart zonder actieve certificaten: een ouder handelt dan voor hen.$$);
SELECT pg_temp.faq('foreigner-card', 'login', 6, 'de',
$$Ich bin Ausländer mit Wohnsitz in Belgien: Kann ich meine Karte benutzen?$$,
$$Ja. Elektronische Ausländerkarten enthalten dieselben Zertifikate wie der belgische Personalausweis.$$,
$$Die elektronischen Karten für Ausländer mit Wohnsitz in Belgien (Karten A, B, E, F, K, L, M...) enthalten wie der belgische Personalausweis ein Authentifizierungszertifikat und ein Signaturzertifikat. Sie melden sich also genauso an, mit einem Kartenleser und Ihrem PIN-Code.

Ihre Nationalregisternummer, oder Ihre Bis-Nummer, wenn Sie nicht im Nationalregister eingetragen sind, wird von der Karte gelesen. Kinder unter 12 Jahren erhalten eine Karte ohne aktive Zertifikate: Ein Elternteil handelt dann für sie.$$);
SELECT pg_temp.faq('foreigner-card', 'login', 6, 'en',
$$I am a foreign resident in Belgium: can I use my card?$$,
$$Yes. Electronic residence cards hold the same certificates as the Belgian identity card.$$,
$$The electronic cards issued to foreigners living in Belgium (cards A, B, E, F, K, L, M...) hold, like the Belgian identity card, an authentication certificate and a signature certificate. You log in the same way, with a card reader and your PIN code.

Your national register number, or your bis number if you are not in the national register, is read from the card. Children under 12 get a card without active certificates: a parent acts for them.$$);

SELECT pg_temp.faq('session-security', 'login', 7, 'fr',
$$Déconnexion, sessions et ordinateurs partagés$$,
$$Votre session se ferme après 30 minutes sans activité. Sur un ordinateur partagé, déconnectez-vous et retirez votre carte.$$,
$$Pour protéger vos données, votre session se ferme automatiquement après 30 minutes sans activité, et au plus tard 12 heures après la connexion. Ce que vous avez enregistré dans un formulaire est conservé.

Dans votre espace, la page « Mes sessions » montre les appareils sur lesquels vous êtes connecté ; vous pouvez y fermer n'importe quelle session, par exemple si vous avez oublié de vous déconnecter ailleurs.

Sur un ordinateur public ou une borne, cliquez toujours sur « Se déconnecter », retirez votre carte et fermez le navigateur.$$);
SELECT pg_temp.faq('session-security', 'login', 7, 'nl',
$$Afmelden, sessies en gedeelde computers$$,
$$Uw sessie sluit na 30 minuten zonder activiteit. Op een gedeelde computer: meld u af en neem uw kaart mee.$$,
$$Om uw gegevens te beschermen sluit uw sessie automatisch na 30 minuten zonder activiteit, en ten laatste 12 uur na het aanmelden. Wat u in een formulier bewaarde, blijft bewaard.

In uw ruimte toont de pagina "Mijn sessies" de toestellen waarop u aangemeld bent; u kunt er elke sessie sluiten, bijvoorbeeld als u vergat u elders af te melden.

Op een openbare computer of een terminal: klik altijd op "Afmelden", neem uw kaart uit de lezer en sluit de browser.$$);
SELECT pg_temp.faq('session-security', 'login', 7, 'de',
$$Abmelden, Sitzungen und gemeinsam genutzte Computer$$,
$$Ihre Sitzung endet nach 30 Minuten ohne Aktivität. Melden Sie sich an einem gemeinsamen Computer ab und nehmen Sie Ihre Karte mit.$$,
$$Zum Schutz Ihrer Daten endet Ihre Sitzung automatisch nach 30 Minuten ohne Aktivität und spätestens 12 Stunden nach der Anmeldung. Was Sie in einem Formular gespeichert haben, bleibt erhalten.

In Ihrem Bereich zeigt die Seite „Meine Sitzungen“ die Geräte, auf denen Sie angemeldet sind; Sie können dort jede Sitzung beenden, zum Beispiel wenn Sie vergessen haben, sich anderswo abzumelden.

An einem öffentlichen Computer oder Terminal: Klicken Sie immer auf „Abmelden“, nehmen Sie Ihre Karte heraus und schließen Sie den Browser.$$);
SELECT pg_temp.faq('session-security', 'login', 7, 'en',
$$Logging out, sessions and shared computers$$,
$$Your session ends after 30 minutes without activity. On a shared computer, log out and take your card.$$,
$$To protect your data, your session ends automatically after 30 minutes without activity, and at the latest 12 hours after logging in. What you saved in a form is kept.

In your space, the "My sessions" page shows the devices where you are logged in; you can end any session there, for example if you forgot to log out somewhere else.

On a public computer or kiosk, always click "Log out", take your card out of the reader and close the browser.$$);

-- Theme: companies -----------------------------------------------------------

SELECT pg_temp.faq('act-for-organisation', 'companies', 1, 'fr',
$$Comment agir pour une entreprise ou une association ?$$,
$$Après la connexion, choisissez d'agir en votre nom ou pour une organisation dans laquelle vous avez un rôle.$$,
$$Vous vous connectez toujours en votre nom, avec votre carte eID. Si vous avez un rôle dans une entreprise, une ASBL ou un pouvoir public, ou un mandat pour l'une d'elles, le guichet vous demande ensuite pour qui vous agissez.

Le nom de l'organisation choisie est affiché en haut de chaque page. Les dossiers que vous créez alors appartiennent à l'organisation : les autres utilisateurs qui y ont le même rôle peuvent les voir et les poursuivre.

Pour obtenir un rôle, adressez-vous au gestionnaire principal d'accès de l'organisation. Vous pouvez changer d'organisation à tout moment depuis le menu de votre compte.$$);
SELECT pg_temp.faq('act-for-organisation', 'companies', 1, 'nl',
$$Hoe handel ik voor een onderneming of vereniging?$$,
$$Kies na het aanmelden of u in eigen naam handelt of voor een organisatie waarin u een rol hebt.$$,
$$U meldt zich altijd in eigen naam aan, met uw eID-kaart. Hebt u een rol in een onderneming, een vzw of een overheid, of een mandaat voor een van hen, dan vraagt het loket daarna voor wie u handelt.

De naam van de gekozen organisatie staat bovenaan elke pagina. De dossiers die u dan aanmaakt, behoren toe aan de organisatie: de andere gebruikers met dezelfde rol kunnen ze zien en verderzetten.

Voor een rol wendt u zich tot de hoofdtoegangsbeheerder van de organisatie. U kunt op elk moment van organisatie wisselen via het menu van uw account.$$);
SELECT pg_temp.faq('act-for-organisation', 'companies', 1, 'de',
$$Wie handle ich für ein Unternehmen oder eine Vereinigung?$$,
$$Wählen Sie nach der Anmeldung, ob Sie in eigenem Namen handeln oder für eine Organisation, in der Sie eine Rolle haben.$$,
$$Sie melden sich immer in eigenem Namen an, mit Ihrer eID-Karte. Wenn Sie eine Rolle in einem Unternehmen, einer VoG oder einer Behörde haben, oder ein Mandat für eine von ihnen, fragt Sie der Schalter danach, für wen Sie handeln.

Der Name der gewählten Organisation steht oben auf jeder Seite. Die Akten, die Sie dann anlegen, gehören der Organisation: Die anderen Benutzer mit derselben Rolle können sie sehen und weiterführen.

Für eine Rolle wenden Sie sich an den Hauptzugangsverwalter der Organisation. Sie können die Organisation jederzeit über das Menü Ihres Kontos wechseln.$$);
SELECT pg_temp.faq('act-for-organisation', 'companies', 1, 'en',
$$How do I act for a company or non-profit?$$,
$$After logging in, choose to act in your own name or for an organisation where you hold a role.$$,
$$You always log in in your own name, with your eID card. If you hold a role in a company, a non-profit or a public body, or a mandate for one of them, the counter then asks whom you are acting for.

The name of the chosen organisation is shown at the top of every page. The files you create then belong to the organisation: the other users with the same role can see them and carry them on.

To get a role, ask the organisation's main access manager. You can switch organisation at any time from your account menu.$$);

SELECT pg_temp.faq('main-access-manager', 'companies', 2, 'fr',
$$Qui est le gestionnaire principal d'accès et comment le désigner ?$$,
$$Le gestionnaire principal d'accès gère les utilisateurs d'une organisation. Il est désigné par un représentant légal.$$,
$$Le gestionnaire principal d'accès (GPA) est la personne qui décide qui peut agir pour l'organisation sur le guichet, et pour quelles démarches. Il y en a un seul à la fois par organisation.

Il est désigné par un représentant légal de l'organisation, tel qu'il est inscrit à la Banque-Carrefour des Entreprises (BCE) : un administrateur ou un gérant, par exemple. Le représentant légal se connecte avec sa carte eID, ouvre la page « Gestion des accès » de l'organisation et indique le numéro de registre national de la personne choisie. Il peut se désigner lui-même.

Si le représentant légal n'apparaît pas, vérifiez que les données de la BCE sont à jour : le guichet les lit dans la BCE et ne peut pas les modifier.$$);
SELECT pg_temp.faq('main-access-manager', 'companies', 2, 'nl',
$$Wie is de hoofdtoegangsbeheerder en hoe wijs ik hem aan?$$,
$$De hoofdtoegangsbeheerder beheert de gebruikers van een organisatie. Hij wordt aangewezen door een wettelijke vertegenwoordiger.$$,
$$De hoofdtoegangsbeheerder (HTB) is de persoon die beslist wie in het loket voor de organisatie mag handelen, en voor welke aanvragen. Er is er per organisatie één tegelijk.

Hij wordt aangewezen door een wettelijke vertegenwoordiger van de organisatie zoals ingeschreven in de Kruispuntbank van Ondernemingen (KBO): bijvoorbeeld een bestuurder of zaakvoerder. De wettelijke vertegenwoordiger meldt zich aan met zijn eID-kaart, opent de pagina "Toegangsbeheer" van de organisatie en geeft het rijksregisternummer van de gekozen persoon op. Hij kan zichzelf aanwijzen.

Verschijnt de wettelijke vertegenwoordiger niet, controleer dan of de gegevens in de KBO actueel zijn: het loket leest ze in de KBO en kan ze niet wijzigen.$$);
SELECT pg_temp.faq('main-access-manager', 'companies', 2, 'de',
$$Wer ist der Hauptzugangsverwalter und wie bestimme ich ihn?$$,
$$Der Hauptzugangsverwalter verwaltet die Benutzer einer Organisation. Er wird von einem gesetzlichen Vertreter bestimmt.$$,
$$Der Hauptzugangsverwalter ist die Person, die entscheidet, wer am Schalter für die Organisation handeln darf und für welche Verfahren. Pro Organisation gibt es jeweils nur einen.

Er wird von einem gesetzlichen Vertreter der Organisation bestimmt, so wie er in der Zentralen Datenbank der Unternehmen (ZDU) eingetragen ist: zum Beispiel ein Verwalter oder Geschäftsführer. Der gesetzliche Vertreter meldet sich mit seiner eID-Karte an, öffnet die Seite „Zugangsverwaltung“ der Organisation und gibt die Nationalregisternummer der gewählten Person an. Er kann sich selbst bestimmen.

Wenn der gesetzliche Vertreter nicht erscheint, prüfen Sie, ob die Daten der ZDU aktuell sind: Der Schalter liest sie in der ZDU und kann sie nicht ändern.$$);
SELECT pg_temp.faq('main-access-manager', 'companies', 2, 'en',
$$Who is the main access manager and how do I designate one?$$,
$$The main access manager manages an organisation's users. A legal representative designates them.$$,
$$The main access manager is the person who decides who may act for the organisation on the counter, and for which procedures. There is only one at a time per organisation.

A legal representative of the organisation designates them, as registered in the Crossroads Bank for Enterprises (CBE): a director or manager, for example. The legal representative logs in with their eID card, opens the organisation's "Access management" page and gives the national register number of the chosen person. They may designate themselves.

If the legal representative does not appear, check that the CBE data are up to date: the counter reads them from the CBE and cannot change them.$$);

SELECT pg_temp.faq('users-and-roles', 'companies', 3, 'fr',
$$Ajouter des utilisateurs et leur donner des rôles$$,
$$Le gestionnaire principal d'accès ajoute des personnes et choisit pour quelles familles de démarches chacune peut agir.$$,
$$Depuis la page « Gestion des accès », le gestionnaire principal d'accès peut :

- ajouter une personne avec son numéro de registre national ;
- lui donner ou retirer des rôles, par famille de démarches (par exemple « aides à l'emploi SESAM ») ;
- fixer une date de fin ;
- la retirer de l'organisation.

Un changement prend effet immédiatement : une personne retirée perd l'accès dès sa prochaine action. Chaque changement est inscrit dans le journal de l'organisation, avec qui l'a fait et quand.

À sa première connexion pour l'organisation, l'utilisateur confirme une adresse électronique professionnelle : c'est là que le guichet envoie les notifications de l'organisation.$$);
SELECT pg_temp.faq('users-and-roles', 'companies', 3, 'nl',
$$Gebruikers toevoegen en rollen toekennen$$,
$$De hoofdtoegangsbeheerder voegt personen toe en kiest voor welke families van aanvragen elk van hen mag handelen.$$,
$$Via de pagina "Toegangsbeheer" kan de hoofdtoegangsbeheerder:

- een persoon toevoegen met zijn rijksregisternummer;
- rollen toekennen of intrekken, per familie van aanvragen (bijvoorbeeld "SESAM-tewerkstellingssteun");
- een einddatum vastleggen;
- de persoon uit de organisatie verwijderen.

Een wijziging geldt onmiddellijk: een verwijderde persoon verliest de toegang bij zijn volgende handeling. Elke wijziging wordt ingeschreven in het logboek van de organisatie, met wie ze deed en wanneer.

Bij zijn eerste aanmelding voor de organisatie bevestigt de gebruiker een professioneel e-mailadres: daarheen stuurt het loket de meldingen van de organisatie.$$);
SELECT pg_temp.faq('users-and-roles', 'companies', 3, 'de',
$$Benutzer hinzufügen und Rollen vergeben$$,
$$Der Hauptzugangsverwalter fügt Personen hinzu und wählt, für welche Verfahrensfamilien jede handeln darf.$$,
$$Auf der Seite „Zugangsverwaltung“ kann der Hauptzugangsverwalter:

- eine Person mit ihrer Nationalregisternummer hinzufügen;
- ihr Rollen geben oder entziehen, je Verfahrensfamilie (zum Beispiel „SESAM-Beschäftigungshilfen“);
- ein Enddatum festlegen;
- sie aus der Organisation entfernen.

Eine Änderung gilt sofort: Eine entfernte Person verliert den Zugang bei ihrer nächsten Handlung. Jede Änderung wird im Protokoll der Organisation eingetragen, mit wer sie wann vorgenommen hat.

Bei der ersten Anmeldung für die Organisation bestätigt der Benutzer eine berufliche E-Mail-Adresse: Dorthin sendet der Schalter die Benachrichtigungen der Organisation.$$);
SELECT pg_temp.faq('users-and-roles', 'companies', 3, 'en',
$$Adding users and giving them roles$$,
$$The main access manager adds people and chooses for which procedure families each of them may act.$$,
$$From the "Access management" page, the main access manager can:

- add a person by their national register number;
- give or take away roles, per procedure family (for example "SESAM employment subsidies");
- set an end date;
- remove them from the organisation.

A change takes effect at once: a person who was removed loses access at their next action. Every change is written in the organisation's log, with who made it and when.

The first time they log in for the organisation, the user confirms a professional email address: the counter sends the organisation's notifications there.$$);

SELECT pg_temp.faq('mandates', 'companies', 4, 'fr',
$$Donner un mandat à un comptable, un secrétariat social ou un consultant$$,
$$Un mandat permet à un tiers d'agir pour votre organisation, pour certaines démarches et pendant une période définie.$$,
$$Votre organisation peut confier certaines démarches à un mandataire : un bureau comptable, un secrétariat social, un consultant. Le mandat précise les familles de démarches concernées, une date de début et une date de fin.

Le mandataire demande le mandat depuis son propre compte, ou vous le lui donnez directement. Le gestionnaire principal d'accès de votre organisation l'accepte ou le refuse. Chaque partie peut le révoquer à tout moment : un mandat révoqué ou expiré cesse de fonctionner immédiatement.

Après sa connexion, le mandataire choisit pour quelle organisation il agit. Les dossiers qu'il crée appartiennent à votre organisation, et vous les voyez dans votre espace.$$);
SELECT pg_temp.faq('mandates', 'companies', 4, 'nl',
$$Een mandaat geven aan een boekhouder, sociaal secretariaat of consultant$$,
$$Met een mandaat kan een derde voor uw organisatie handelen, voor bepaalde aanvragen en gedurende een vaste periode.$$,
$$Uw organisatie kan bepaalde aanvragen toevertrouwen aan een mandataris: een boekhoudkantoor, een sociaal secretariaat, een consultant. Het mandaat vermeldt de betrokken families van aanvragen, een begindatum en een einddatum.

De mandataris vraagt het mandaat aan vanuit zijn eigen account, of u geeft het hem rechtstreeks. De hoofdtoegangsbeheerder van uw organisatie aanvaardt of weigert het. Elke partij kan het op elk moment intrekken: een ingetrokken of vervallen mandaat werkt onmiddellijk niet meer.

Na het aanmelden kiest de mandataris voor welke organisatie hij handelt. De dossiers die hij aanmaakt, behoren toe aan uw organisatie en u ziet ze in uw ruimte.$$);
SELECT pg_temp.faq('mandates', 'companies', 4, 'de',
$$Einem Buchhalter, Sozialsekretariat oder Berater ein Mandat geben$$,
$$Mit einem Mandat kann ein Dritter für Ihre Organisation handeln, für bestimmte Verfahren und während eines festen Zeitraums.$$,
$$Ihre Organisation kann bestimmte Verfahren einem Mandatar anvertrauen: einem Buchhaltungsbüro, einem Sozialsekretariat, einem Berater. Das Mandat nennt die betroffenen Verfahrensfamilien, ein Anfangs- und ein Enddatum.

Der Mandatar beantragt das Mandat über sein eigenes Konto, oder Sie erteilen es ihm direkt. Der Hauptzugangsverwalter Ihrer Organisation nimmt es an oder lehnt es ab. Jede Seite kann es jederzeit widerrufen: Ein widerrufenes oder abgelaufenes Mandat wirkt sofort nicht mehr.

Nach der Anmeldung wählt der Mandatar, für welche Organisation er handelt. Die Akten, die er anlegt, gehören Ihrer Organisation, und Sie sehen sie in Ihrem Bereich.$$);
SELECT pg_temp.faq('mandates', 'companies', 4, 'en',
$$Giving a mandate to an accountant, social secretariat or consultant$$,
$$A mandate lets a third party act for your organisation, for some procedures and for a set period.$$,
$$Your organisation can entrust some procedures to a mandatary: an accounting office, a social secretariat, a consultant. The mandate states the procedure families it covers, a start date and an end date.

The mandatary requests the mandate from their own account, or you give it to them directly. Your organisation's main access manager accepts or refuses it. Either side can revoke it at any time: a revoked or expired mandate stops working at once.

After logging in, the mandatary chooses which organisation they act for. The files they create belong to your organisation, and you see them in your space.$$);

SELECT pg_temp.faq('enterprise-number', 'companies', 5, 'fr',
$$Qu'est-ce que le numéro d'entreprise (BCE) et où le trouver ?$$,
$$Le numéro d'entreprise compte 10 chiffres et commence par 0 ou 1. Il identifie votre organisation auprès de toutes les administrations.$$,
$$Toute entreprise, ASBL ou pouvoir public inscrit à la Banque-Carrefour des Entreprises (BCE) reçoit un numéro d'entreprise de 10 chiffres, qui commence par 0 ou 1, par exemple 0203.201.340. Les deux derniers chiffres sont des chiffres de contrôle : le guichet détecte une faute de frappe.

Vous trouvez ce numéro sur les factures et les statuts de l'organisation, ou dans la recherche publique de la BCE (« BCE Public Search »). Le numéro de TVA d'une entreprise belge est le même numéro précédé de BE.$$);
SELECT pg_temp.faq('enterprise-number', 'companies', 5, 'nl',
$$Wat is het ondernemingsnummer (KBO) en waar vind ik het?$$,
$$Het ondernemingsnummer telt 10 cijfers en begint met 0 of 1. Het identificeert uw organisatie bij alle overheden.$$,
$$Elke onderneming, vzw of overheid ingeschreven in de Kruispuntbank van Ondernemingen (KBO) krijgt een ondernemingsnummer van 10 cijfers dat begint met 0 of 1, bijvoorbeeld 0203.201.340. De laatste twee cijfers zijn controlecijfers: het loket merkt een tikfout op.

U vindt dit nummer op facturen en in de statuten van de organisatie, of via de openbare zoekfunctie van de KBO ("KBO Public Search"). Het btw-nummer van een Belgische onderneming is hetzelfde nummer met BE ervoor.$$);
SELECT pg_temp.faq('enterprise-number', 'companies', 5, 'de',
$$Was ist die Unternehmensnummer (ZDU) und wo finde ich sie?$$,
$$Die Unternehmensnummer hat 10 Ziffern und beginnt mit 0 oder 1. Sie identifiziert Ihre Organisation bei allen Verwaltungen.$$,
$$Jedes Unternehmen, jede VoG oder Behörde, die in der Zentralen Datenbank der Unternehmen (ZDU) eingetragen ist, erhält eine 10-stellige Unternehmensnummer, die mit 0 oder 1 beginnt, zum Beispiel 0203.201.340. Die letzten beiden Ziffern sind Prüfziffern: Der Schalter erkennt einen Tippfehler.

Sie finden diese Nummer auf Rechnungen und in der Satzung der Organisation oder über die öffentliche Suche der ZDU („KBO Public Search“). Die MwSt.-Nummer eines belgischen Unternehmens ist dieselbe Nummer mit vorangestelltem BE.$$);
SELECT pg_temp.faq('enterprise-number', 'companies', 5, 'en',
$$What is the enterprise number (CBE) and where do I find it?$$,
$$The enterprise number has 10 digits and starts with 0 or 1. It identifies your organisation to every administration.$$,
$$Every company, non-profit or public body registered in the Crossroads Bank for Enterprises (CBE) gets a 10-digit enterprise number starting with 0 or 1, for example 0203.201.340. The last two digits are check digits: the counter notices a typing mistake.

You find this number on invoices and in the organisation's articles, or through the CBE's public search ("KBO Public Search"). A Belgian company's VAT number is the same number with BE in front.$$);

-- Theme: forms ---------------------------------------------------------------

SELECT pg_temp.faq('find-procedure', 'forms', 1, 'fr',
$$Comment trouver et commencer une démarche ?$$,
$$Le catalogue montre les démarches qui vous concernent. Chaque démarche a une page qui dit ce qu'il faut préparer.$$,
$$Le catalogue des démarches ne montre que celles qui vous concernent : comme citoyen, ou pour l'organisation pour laquelle vous agissez. Cherchez par mot-clé ou parcourez les thèmes.

Avant de commencer, lisez la page de présentation de la démarche. Elle indique les documents à préparer, le niveau de connexion demandé (carte eID ou code par courriel), les délais et le service qui traitera votre demande.

Cliquez ensuite sur « Commencer ». Le formulaire est enregistré dès la première page : vous pouvez l'interrompre et le reprendre plus tard.$$);
SELECT pg_temp.faq('find-procedure', 'forms', 1, 'nl',
$$Hoe vind en start ik een aanvraag?$$,
$$De catalogus toont de aanvragen die op u van toepassing zijn. Elke aanvraag heeft een pagina die zegt wat u moet voorbereiden.$$,
$$De catalogus van aanvragen toont alleen die welke op u van toepassing zijn: als burger, of voor de organisatie waarvoor u handelt. Zoek op trefwoord of blader door de thema's.

Lees vóór u begint de voorstellingspagina van de aanvraag. Die vermeldt de documenten die u moet voorbereiden, het vereiste aanmeldingsniveau (eID-kaart of code per e-mail), de termijnen en de dienst die uw aanvraag behandelt.

Klik dan op "Beginnen". Het formulier wordt vanaf de eerste pagina bewaard: u kunt het onderbreken en later hervatten.$$);
SELECT pg_temp.faq('find-procedure', 'forms', 1, 'de',
$$Wie finde und beginne ich ein Verfahren?$$,
$$Der Katalog zeigt die Verfahren, die Sie betreffen. Jedes Verfahren hat eine Seite, die sagt, was vorzubereiten ist.$$,
$$Der Verfahrenskatalog zeigt nur die Verfahren, die Sie betreffen: als Bürger oder für die Organisation, für die Sie handeln. Suchen Sie mit einem Stichwort oder blättern Sie in den Themen.

Lesen Sie vor dem Beginn die Vorstellungsseite des Verfahrens. Sie nennt die vorzubereitenden Dokumente, die verlangte Anmeldestufe (eID-Karte oder Code per E-Mail), die Fristen und den Dienst, der Ihren Antrag bearbeitet.

Klicken Sie dann auf „Beginnen“. Das Formular wird ab der ersten Seite gespeichert: Sie können es unterbrechen und später fortsetzen.$$);
SELECT pg_temp.faq('find-procedure', 'forms', 1, 'en',
$$How do I find and start a procedure?$$,
$$The catalogue shows the procedures that concern you. Each procedure has a page saying what to prepare.$$,
$$The catalogue of procedures shows only those that concern you: as a citizen, or for the organisation you are acting for. Search by keyword or browse the themes.

Before you start, read the procedure's presentation page. It lists the documents to prepare, the login level required (eID card or code by email), the deadlines and the department that will handle your request.

Then click "Start". The form is saved from the first page: you can stop and come back later.$$);

SELECT pg_temp.faq('drafts', 'forms', 2, 'fr',
$$Enregistrer un brouillon et reprendre plus tard$$,
$$Chaque page validée est enregistrée. Votre dossier reste « En cours » jusqu'à ce qu'il soit complet et envoyé.$$,
$$Chaque fois que vous passez à la page suivante, vos réponses sont enregistrées. Votre dossier apparaît alors dans « Mes dossiers » avec le statut « En cours ».

Lorsque toutes les réponses obligatoires sont valides, le dossier passe au statut « Complet » : il n'est pas encore envoyé. Relisez le résumé, puis signez et envoyez.

Vous pouvez reprendre un brouillon à tout moment, même depuis un autre ordinateur, ou le supprimer s'il ne vous sert plus. Un brouillon n'est jamais transmis à l'administration.$$);
SELECT pg_temp.faq('drafts', 'forms', 2, 'nl',
$$Een ontwerp bewaren en later hervatten$$,
$$Elke gevalideerde pagina wordt bewaard. Uw dossier blijft "In behandeling" tot het volledig is en verstuurd.$$,
$$Telkens u naar de volgende pagina gaat, worden uw antwoorden bewaard. Uw dossier verschijnt dan in "Mijn dossiers" met de status "In behandeling".

Wanneer alle verplichte antwoorden geldig zijn, krijgt het dossier de status "Volledig": het is nog niet verstuurd. Lees de samenvatting na, en onderteken en verstuur dan.

U kunt een ontwerp op elk moment hervatten, ook vanaf een andere computer, of het verwijderen als u het niet meer nodig hebt. Een ontwerp wordt nooit aan de overheid bezorgd.$$);
SELECT pg_temp.faq('drafts', 'forms', 2, 'de',
$$Einen Entwurf speichern und später fortsetzen$$,
$$Jede bestätigte Seite wird gespeichert. Ihre Akte bleibt „In Bearbeitung“, bis sie vollständig und gesendet ist.$$,
$$Jedes Mal, wenn Sie zur nächsten Seite gehen, werden Ihre Antworten gespeichert. Ihre Akte erscheint dann unter „Meine Akten“ mit dem Status „In Bearbeitung“.

Wenn alle Pflichtantworten gültig sind, erhält die Akte den Status „Vollständig“: Sie ist noch nicht gesendet. Lesen Sie die Zusammenfassung, dann unterzeichnen und senden Sie.

Sie können einen Entwurf jederzeit fortsetzen, auch an einem anderen Computer, oder ihn löschen, wenn Sie ihn nicht mehr brauchen. Ein Entwurf wird nie an die Verwaltung übermittelt.$$);
SELECT pg_temp.faq('drafts', 'forms', 2, 'en',
$$Saving a draft and coming back later$$,
$$Every page you complete is saved. Your file stays "In progress" until it is complete and sent.$$,
$$Every time you go to the next page, your answers are saved. Your file then shows in "My files" with the status "In progress".

When every required answer is valid, the file gets the status "Complete": it has not been sent yet. Read the summary, then sign and send.

You can come back to a draft at any time, even from another computer, or delete it if you no longer need it. A draft is never passed to the administration.$$);

SELECT pg_temp.faq('attach-pdf', 'forms', 3, 'fr',
$$Comment joindre un document PDF ?$$,
$$Les annexes doivent être des fichiers PDF de 10 Mo au plus. Le formulaire indique lesquelles sont obligatoires.$$,
$$Le formulaire vous indique, selon vos réponses, quelles annexes sont obligatoires. Cliquez sur « Choisir un fichier », sélectionnez le document, puis sur « Ajouter ».

Seuls les fichiers PDF sont acceptés, de 10 Mo au plus chacun. Le guichet vérifie le contenu du fichier, pas seulement son nom : un fichier renommé en .pdf sera refusé.

Pour transformer une photo ou un document papier en PDF :

- avec un scanner, choisissez le format PDF à l'enregistrement ;
- avec un smartphone, utilisez la fonction « numériser un document » de l'appareil photo ou d'une application de notes ;
- depuis un traitement de texte, utilisez « Enregistrer sous » puis PDF.

Si un fichier est refusé, le message l'explique et le reste de la page est conservé.$$);
SELECT pg_temp.faq('attach-pdf', 'forms', 3, 'nl',
$$Hoe voeg ik een PDF-document toe?$$,
$$Bijlagen moeten PDF-bestanden van ten hoogste 10 MB zijn. Het formulier zegt welke verplicht zijn.$$,
$$Het formulier vermeldt, volgens uw antwoorden, welke bijlagen verplicht zijn. Klik op "Bestand kiezen", selecteer het document en klik dan op "Toevoegen".

Alleen PDF-bestanden worden aanvaard, van ten hoogste 10 MB elk. Het loket controleert de inhoud van het bestand, niet alleen de naam: een bestand dat u hernoemde naar .pdf wordt geweigerd.

Om een foto of papieren document om te zetten naar PDF:

- kies bij een scanner het PDF-formaat bij het bewaren;
- gebruik op een smartphone de functie "document scannen" van de camera of van een notitie-app;
- kies in een tekstverwerker "Opslaan als" en dan PDF.

Wordt een bestand geweigerd, dan legt de melding uit waarom en blijft de rest van de pagina bewaard.$$);
SELECT pg_temp.faq('attach-pdf', 'forms', 3, 'de',
$$Wie füge ich ein PDF-Dokument bei?$$,
$$Anlagen müssen PDF-Dateien von höchstens 10 MB sein. Das Formular sagt, welche Pflicht sind.$$,
$$Das Formular nennt Ihnen, je nach Ihren Antworten, die Pflichtanlagen. Klicken Sie auf „Datei auswählen“, wählen Sie das Dokument und dann „Hinzufügen“.

Nur PDF-Dateien werden angenommen, jeweils höchstens 10 MB. Der Schalter prüft den Inhalt der Datei, nicht nur ihren Namen: Eine in .pdf umbenannte Datei wird abgelehnt.

Um ein Foto oder ein Papierdokument in PDF umzuwandeln:

- wählen Sie beim Scanner das PDF-Format beim Speichern;
- nutzen Sie am Smartphone die Funktion „Dokument scannen“ der Kamera oder einer Notiz-App;
- wählen Sie in einer Textverarbeitung „Speichern unter“ und dann PDF.

Wird eine Datei abgelehnt, erklärt die Meldung warum, und der Rest der Seite bleibt erhalten.$$);
SELECT pg_temp.faq('attach-pdf', 'forms', 3, 'en',
$$How do I attach a PDF document?$$,
$$Annexes must be PDF files of at most 10 MB. The form tells you which are required.$$,
$$Depending on your answers, the form tells you which annexes are required. Click "Choose a file", select the document, then "Add".

Only PDF files are accepted, of at most 10 MB each. The counter checks the file's content, not just its name: a file renamed to .pdf is refused.

To turn a photo or a paper document into a PDF:

- with a scanner, choose the PDF format when saving;
- on a smartphone, use the "scan document" feature of the camera or of a notes app;
- in a word processor, use "Save as" and then PDF.

If a file is refused, the message explains why and the rest of the page is kept.$$);

SELECT pg_temp.faq('prefilled-data', 'forms', 4, 'fr',
$$Pourquoi certaines données sont-elles déjà remplies ?$$,
$$Selon le principe « une seule fois », l'administration ne vous redemande pas ce qu'elle sait déjà. Chaque donnée indique sa source.$$,
$$Les administrations ne doivent pas vous demander des informations qu'elles possèdent déjà : c'est le principe « only once ». Le guichet remplit donc certains champs pour vous, à partir :

- de votre carte eID (nom, prénoms, numéro de registre national) ;
- des sources authentiques, comme le Registre national pour votre adresse ou la Banque-Carrefour des Entreprises pour les données d'une entreprise ;
- de vos réponses dans vos dossiers précédents.

À côté de chaque valeur préremplie, le guichet indique d'où elle vient. Si une donnée d'une source authentique est erronée, c'est la source qui doit être corrigée : pour votre adresse, adressez-vous à votre commune. Si une source ne répond pas, vous pouvez taper la donnée vous-même.$$);
SELECT pg_temp.faq('prefilled-data', 'forms', 4, 'nl',
$$Waarom zijn sommige gegevens al ingevuld?$$,
$$Volgens het "only once"-principe vraagt de overheid u niet opnieuw wat ze al weet. Bij elk gegeven staat de bron.$$,
$$Overheden mogen u geen informatie vragen die ze al hebben: dat is het "only once"-principe. Het loket vult daarom sommige velden voor u in, op basis van:

- uw eID-kaart (naam, voornamen, rijksregisternummer);
- authentieke bronnen, zoals het Rijksregister voor uw adres of de Kruispuntbank van Ondernemingen voor de gegevens van een onderneming;
- uw antwoorden in uw vorige dossiers.

Naast elke vooraf ingevulde waarde vermeldt het loket waar ze vandaan komt. Is een gegeven uit een authentieke bron fout, dan moet de bron verbeterd worden: voor uw adres wendt u zich tot uw gemeente. Antwoordt een bron niet, dan kunt u het gegeven zelf typen.$$);
SELECT pg_temp.faq('prefilled-data', 'forms', 4, 'de',
$$Warum sind manche Daten schon ausgefüllt?$$,
$$Nach dem Grundsatz „nur einmal“ fragt Sie die Verwaltung nicht erneut, was sie schon weiß. Bei jedem Wert steht seine Quelle.$$,
$$Verwaltungen dürfen Sie nicht nach Informationen fragen, die sie bereits besitzen: Das ist der Grundsatz „only once“. Der Schalter füllt daher manche Felder für Sie aus, auf Grundlage:

- Ihrer eID-Karte (Name, Vornamen, Nationalregisternummer);
- authentischer Quellen, wie des Nationalregisters für Ihre Adresse oder der Zentralen Datenbank der Unternehmen für die Daten eines Unternehmens;
- Ihrer Antworten in früheren Akten.

Neben jedem vorausgefüllten Wert gibt der Schalter an, woher er stammt. Ist ein Wert aus einer authentischen Quelle falsch, muss die Quelle berichtigt werden: Für Ihre Adresse wenden Sie sich an Ihre Gemeinde. Antwortet eine Quelle nicht, können Sie den Wert selbst eingeben.$$);
SELECT pg_temp.faq('prefilled-data', 'forms', 4, 'en',
$$Why are some data already filled in?$$,
$$Under the "only once" principle, the administration does not ask again what it already knows. Each value shows its source.$$,
$$Administrations must not ask you for information they already hold: this is the "only once" principle. The counter therefore fills in some fields for you, from:

- your eID card (name, given names, national register number);
- authentic sources, such as the National Register for your address or the Crossroads Bank for Enterprises for a company's data;
- your answers in your earlier files.

Beside each pre-filled value, the counter shows where it comes from. If a value from an authentic source is wrong, the source must be corrected: for your address, contact your municipality. If a source does not answer, you can type the value yourself.$$);

SELECT pg_temp.faq('sign-and-send', 'forms', 5, 'fr',
$$Signer et envoyer : que se passe-t-il ?$$,
$$À l'envoi, vos réponses sont figées et scellées, et vous recevez un accusé de réception avec une référence.$$,
$$Sur la page de résumé, relisez vos réponses et vos annexes, puis cliquez sur « Signer et envoyer ». Certaines démarches demandent une connexion avec la carte eID : si vous êtes connecté par code, le guichet vous demandera d'abord d'utiliser votre carte.

À l'envoi, vos réponses et annexes sont figées : elles ne peuvent plus être modifiées. Le guichet calcule une empreinte de leur contenu et la scelle, ce qui prouve plus tard ce qui a été envoyé et quand.

Vous recevez une référence, par exemple 2026-SESAM-000123, et un accusé de réception téléchargeable en PDF. Conservez-le. Si vous cliquez deux fois sur le bouton, un seul dossier est envoyé.$$);
SELECT pg_temp.faq('sign-and-send', 'forms', 5, 'nl',
$$Ondertekenen en versturen: wat gebeurt er?$$,
$$Bij het versturen worden uw antwoorden vastgelegd en verzegeld, en krijgt u een ontvangstbewijs met een referentie.$$,
$$Lees op de samenvattingspagina uw antwoorden en bijlagen na en klik dan op "Ondertekenen en versturen". Sommige aanvragen vereisen een aanmelding met de eID-kaart: bent u met een code aangemeld, dan vraagt het loket u eerst uw kaart te gebruiken.

Bij het versturen worden uw antwoorden en bijlagen vastgelegd: ze kunnen niet meer gewijzigd worden. Het loket berekent een vingerafdruk van hun inhoud en verzegelt die, wat later bewijst wat verstuurd werd en wanneer.

U krijgt een referentie, bijvoorbeeld 2026-SESAM-000123, en een ontvangstbewijs dat u als PDF kunt downloaden. Bewaar het. Klikt u twee keer op de knop, dan wordt maar één dossier verstuurd.$$);
SELECT pg_temp.faq('sign-and-send', 'forms', 5, 'de',
$$Unterzeichnen und senden: Was geschieht?$$,
$$Beim Senden werden Ihre Antworten festgeschrieben und versiegelt, und Sie erhalten eine Empfangsbestätigung mit einem Aktenzeichen.$$,
$$Lesen Sie auf der Zusammenfassungsseite Ihre Antworten und Anlagen und klicken Sie dann auf „Unterzeichnen und senden“. Manche Verfahren verlangen eine Anmeldung mit der eID-Karte: Wenn Sie mit einem Code angemeldet sind, bittet Sie der Schalter zuerst, Ihre Karte zu benutzen.

Beim Senden werden Ihre Antworten und Anlagen festgeschrieben: Sie können nicht mehr geändert werden. Der Schalter berechnet einen Fingerabdruck ihres Inhalts und versiegelt ihn; so lässt sich später beweisen, was wann gesendet wurde.

Sie erhalten ein Aktenzeichen, zum Beispiel 2026-SESAM-000123, und eine Empfangsbestätigung zum Herunterladen als PDF. Bewahren Sie sie auf. Wenn Sie zweimal auf die Schaltfläche klicken, wird nur eine Akte gesendet.$$);
SELECT pg_temp.faq('sign-and-send', 'forms', 5, 'en',
$$Signing and sending: what happens?$$,
$$When you send, your answers are frozen and sealed, and you get a receipt with a reference.$$,
$$On the summary page, read your answers and annexes again, then click "Sign and send". Some procedures need a login with the eID card: if you logged in with a code, the counter first asks you to use your card.

When you send, your answers and annexes are frozen: they can no longer be changed. The counter computes a fingerprint of their content and seals it, which later proves what was sent and when.

You get a reference, for example 2026-SESAM-000123, and a receipt you can download as a PDF. Keep it. If you click the button twice, only one file is sent.$$);

-- Theme: dossiers ------------------------------------------------------------

SELECT pg_temp.faq('dossier-statuses', 'dossiers', 1, 'fr',
$$Que signifie chaque statut de mon dossier ?$$,
$$Du brouillon à la décision, chaque étape de votre dossier a un statut, visible à tout moment dans « Mes dossiers ».$$,
$$Votre dossier passe par ces statuts :

- En cours : vous remplissez le formulaire ; rien n'est envoyé.
- Complet : toutes les réponses obligatoires sont données ; il reste à signer et envoyer.
- Soumis : vous avez envoyé le dossier ; il a une référence.
- Réceptionné : l'administration a accusé réception de votre dossier.
- En traitement : un agent examine votre dossier.
- Clôturé : une décision a été prise et vous a été envoyée.

Si l'administration vous demande un complément, le dossier est marqué « En attente de votre réponse » jusqu'à ce que vous répondiez. La page du dossier montre l'historique de chaque changement, avec sa date.$$);
SELECT pg_temp.faq('dossier-statuses', 'dossiers', 1, 'nl',
$$Wat betekent elke status van mijn dossier?$$,
$$Van ontwerp tot beslissing heeft elke stap van uw dossier een status, op elk moment zichtbaar in "Mijn dossiers".$$,
$$Uw dossier doorloopt deze statussen:

- In behandeling: u vult het formulier in; er is niets verstuurd.
- Volledig: alle verplichte antwoorden zijn gegeven; u moet nog ondertekenen en versturen.
- Ingediend: u hebt het dossier verstuurd; het heeft een referentie.
- Ontvangen: de overheid heeft de ontvangst van uw dossier bevestigd.
- In verwerking: een medewerker onderzoekt uw dossier.
- Afgesloten: er is een beslissing genomen en die werd u bezorgd.

Vraagt de overheid u een aanvulling, dan krijgt het dossier de vermelding "Wacht op uw antwoord" tot u antwoordt. De pagina van het dossier toont de geschiedenis van elke wijziging, met de datum.$$);
SELECT pg_temp.faq('dossier-statuses', 'dossiers', 1, 'de',
$$Was bedeutet jeder Status meiner Akte?$$,
$$Vom Entwurf bis zur Entscheidung hat jeder Schritt Ihrer Akte einen Status, jederzeit sichtbar unter „Meine Akten“.$$,
$$Ihre Akte durchläuft diese Status:

- In Bearbeitung: Sie füllen das Formular aus; nichts ist gesendet.
- Vollständig: Alle Pflichtantworten sind gegeben; es bleibt zu unterzeichnen und zu senden.
- Eingereicht: Sie haben die Akte gesendet; sie hat ein Aktenzeichen.
- Eingegangen: Die Verwaltung hat den Eingang Ihrer Akte bestätigt.
- In Behandlung: Ein Bediensteter prüft Ihre Akte.
- Abgeschlossen: Eine Entscheidung wurde getroffen und Ihnen zugestellt.

Fordert die Verwaltung eine Ergänzung an, ist die Akte mit „Wartet auf Ihre Antwort“ markiert, bis Sie antworten. Die Seite der Akte zeigt den Verlauf jeder Änderung mit Datum.$$);
SELECT pg_temp.faq('dossier-statuses', 'dossiers', 1, 'en',
$$What does each status of my file mean?$$,
$$From draft to decision, each step of your file has a status, visible at any time in "My files".$$,
$$Your file goes through these statuses:

- In progress: you are filling in the form; nothing has been sent.
- Complete: every required answer is given; it remains to sign and send.
- Submitted: you sent the file; it has a reference.
- Received: the administration acknowledged receipt of your file.
- Being processed: an agent is examining your file.
- Closed: a decision was taken and sent to you.

If the administration asks you for more information, the file is marked "Waiting for your answer" until you reply. The file's page shows the history of every change, with its date.$$);

SELECT pg_temp.faq('complement-request', 'dossiers', 2, 'fr',
$$L'administration me demande un complément : que faire ?$$,
$$Répondez depuis la page du dossier, avec un message et, si besoin, des documents PDF. Le délai d'attente est affiché.$$,
$$Lorsqu'un agent a besoin d'une information ou d'un document supplémentaire, il vous envoie une demande de complément. Vous recevez un courriel, et le dossier est marqué « En attente de votre réponse ».

Ouvrez le dossier, lisez la demande, puis répondez avec un message et, si nécessaire, des documents PDF. Dès votre réponse, le dossier retourne chez l'agent.

La page du dossier indique depuis combien de temps il attend votre réponse. Ce temps n'est pas compté dans le délai de traitement de l'administration.$$);
SELECT pg_temp.faq('complement-request', 'dossiers', 2, 'nl',
$$De overheid vraagt mij een aanvulling: wat moet ik doen?$$,
$$Antwoord via de pagina van het dossier, met een bericht en zo nodig PDF-documenten. De wachttijd wordt getoond.$$,
$$Heeft een medewerker bijkomende informatie of een bijkomend document nodig, dan stuurt hij u een vraag om aanvulling. U krijgt een e-mail en het dossier krijgt de vermelding "Wacht op uw antwoord".

Open het dossier, lees de vraag en antwoord met een bericht en zo nodig PDF-documenten. Zodra u antwoordt, gaat het dossier terug naar de medewerker.

De pagina van het dossier toont hoe lang het al op uw antwoord wacht. Die tijd telt niet mee in de behandelingstermijn van de overheid.$$);
SELECT pg_temp.faq('complement-request', 'dossiers', 2, 'de',
$$Die Verwaltung fordert eine Ergänzung an: Was tun?$$,
$$Antworten Sie auf der Seite der Akte, mit einer Nachricht und bei Bedarf PDF-Dokumenten. Die Wartezeit wird angezeigt.$$,
$$Braucht ein Bediensteter eine zusätzliche Information oder ein zusätzliches Dokument, sendet er Ihnen eine Nachforderung. Sie erhalten eine E-Mail, und die Akte ist mit „Wartet auf Ihre Antwort“ markiert.

Öffnen Sie die Akte, lesen Sie die Anfrage und antworten Sie mit einer Nachricht und bei Bedarf PDF-Dokumenten. Sobald Sie antworten, geht die Akte an den Bediensteten zurück.

Die Seite der Akte zeigt, wie lange sie schon auf Ihre Antwort wartet. Diese Zeit zählt nicht zur Bearbeitungsfrist der Verwaltung.$$);
SELECT pg_temp.faq('complement-request', 'dossiers', 2, 'en',
$$The administration asks me for more information: what do I do?$$,
$$Answer from the file's page, with a message and, if needed, PDF documents. The waiting time is shown.$$,
$$When an agent needs more information or another document, they send you a request for more information. You get an email, and the file is marked "Waiting for your answer".

Open the file, read the request, then answer with a message and, if needed, PDF documents. As soon as you answer, the file goes back to the agent.

The file's page shows how long it has been waiting for your answer. That time does not count in the administration's processing time.$$);

SELECT pg_temp.faq('email-notifications', 'dossiers', 3, 'fr',
$$Les courriels du guichet$$,
$$Vous recevez un courriel à chaque étape de votre dossier. Il ne contient que la référence : les détails restent sur le guichet.$$,
$$Le guichet vous envoie un courriel lorsque le statut de votre dossier change, lorsqu'un agent vous écrit et lorsqu'un document vous est envoyé. Le courriel est rédigé dans la langue que vous avez choisie.

Pour protéger votre vie privée, il ne contient aucune donnée personnelle : seulement la référence du dossier et un lien. Connectez-vous pour lire le détail.

Méfiez-vous des courriels qui vous demandent votre code PIN, un mot de passe ou un paiement par un lien : le guichet ne le fait jamais. Quand vous agissez pour une organisation, les courriels vont à l'adresse professionnelle que vous avez confirmée.$$);
SELECT pg_temp.faq('email-notifications', 'dossiers', 3, 'nl',
$$De e-mails van het loket$$,
$$U krijgt een e-mail bij elke stap van uw dossier. Hij bevat alleen de referentie: de details blijven in het loket.$$,
$$Het loket stuurt u een e-mail wanneer de status van uw dossier verandert, wanneer een medewerker u schrijft en wanneer u een document wordt bezorgd. De e-mail is opgesteld in de taal die u koos.

Om uw privacy te beschermen bevat hij geen enkel persoonsgegeven: alleen de referentie van het dossier en een link. Meld u aan om de details te lezen.

Wees op uw hoede voor e-mails die u vragen naar uw pincode, een wachtwoord of een betaling via een link: het loket doet dat nooit. Handelt u voor een organisatie, dan gaan de e-mails naar het professionele adres dat u bevestigde.$$);
SELECT pg_temp.faq('email-notifications', 'dossiers', 3, 'de',
$$Die E-Mails des Schalters$$,
$$Sie erhalten bei jedem Schritt Ihrer Akte eine E-Mail. Sie enthält nur das Aktenzeichen: Die Einzelheiten bleiben am Schalter.$$,
$$Der Schalter sendet Ihnen eine E-Mail, wenn sich der Status Ihrer Akte ändert, wenn ein Bediensteter Ihnen schreibt und wenn Ihnen ein Dokument zugestellt wird. Die E-Mail ist in der Sprache verfasst, die Sie gewählt haben.

Zum Schutz Ihrer Privatsphäre enthält sie keine personenbezogenen Daten: nur das Aktenzeichen und einen Link. Melden Sie sich an, um die Einzelheiten zu lesen.

Seien Sie vorsichtig bei E-Mails, die nach Ihrem PIN-Code, einem Passwort oder einer Zahlung über einen Link fragen: Der Schalter tut das nie. Wenn Sie für eine Organisation handeln, gehen die E-Mails an die berufliche Adresse, die Sie bestätigt haben.$$);
SELECT pg_temp.faq('email-notifications', 'dossiers', 3, 'en',
$$The counter's emails$$,
$$You get an email at each step of your file. It holds only the reference: the details stay on the counter.$$,
$$The counter emails you when your file's status changes, when an agent writes to you and when a document is sent to you. The email is written in the language you chose.

To protect your privacy, it holds no personal data: only the file's reference and a link. Log in to read the details.

Beware of emails asking for your PIN code, a password or a payment through a link: the counter never does that. When you act for an organisation, emails go to the professional address you confirmed.$$);

SELECT pg_temp.faq('my-documents-my-data', 'dossiers', 4, 'fr',
$$Mes documents et Mes données : qui a consulté mon dossier ?$$,
$$Retrouvez tous les documents officiels reçus, et la liste de chaque consultation de vos dossiers par l'administration.$$,
$$« Mes documents » rassemble tous les documents officiels que vous avez reçus par le guichet, pour tous vos dossiers : décisions, attestations, accusés de réception. Chacun indique le service qui l'a émis et sa date, et peut être téléchargé.

« Mes données » montre les données personnelles que le guichet conserve à votre sujet et les sources utilisées pour préremplir vos formulaires.

Vous y trouvez aussi le journal des accès : chaque fois qu'un agent a ouvert un de vos dossiers, ou qu'une application de l'administration l'a lu, avec la date, le service et la raison. Si un accès vous semble injustifié, contactez le délégué à la protection des données de l'administration.$$);
SELECT pg_temp.faq('my-documents-my-data', 'dossiers', 4, 'nl',
$$Mijn documenten en Mijn gegevens: wie heeft mijn dossier geraadpleegd?$$,
$$Vind alle officiële documenten die u ontving, en de lijst van elke raadpleging van uw dossiers door de overheid.$$,
$$"Mijn documenten" bundelt alle officiële documenten die u via het loket ontving, voor al uw dossiers: beslissingen, attesten, ontvangstbewijzen. Bij elk ervan staan de dienst die het uitgaf en de datum, en u kunt het downloaden.

"Mijn gegevens" toont de persoonsgegevens die het loket over u bewaart en de bronnen die gebruikt werden om uw formulieren vooraf in te vullen.

U vindt er ook het toegangslogboek: telkens een medewerker een van uw dossiers opende, of een toepassing van de overheid het las, met de datum, de dienst en de reden. Lijkt een toegang u onterecht, neem dan contact op met de functionaris voor gegevensbescherming van de overheid.$$);
SELECT pg_temp.faq('my-documents-my-data', 'dossiers', 4, 'de',
$$Meine Dokumente und Meine Daten: Wer hat meine Akte eingesehen?$$,
$$Finden Sie alle erhaltenen amtlichen Dokumente und die Liste jeder Einsichtnahme in Ihre Akten durch die Verwaltung.$$,
$$„Meine Dokumente“ versammelt alle amtlichen Dokumente, die Sie über den Schalter erhalten haben, für alle Ihre Akten: Entscheidungen, Bescheinigungen, Empfangsbestätigungen. Bei jedem stehen der ausstellende Dienst und das Datum, und Sie können es herunterladen.

„Meine Daten“ zeigt die personenbezogenen Daten, die der Schalter über Sie speichert, und die Quellen, mit denen Ihre Formulare vorausgefüllt wurden.

Dort finden Sie auch das Zugriffsprotokoll: jedes Mal, wenn ein Bediensteter eine Ihrer Akten geöffnet oder eine Anwendung der Verwaltung sie gelesen hat, mit Datum, Dienst und Grund. Erscheint Ihnen ein Zugriff ungerechtfertigt, wenden Sie sich an den Datenschutzbeauftragten der Verwaltung.$$);
SELECT pg_temp.faq('my-documents-my-data', 'dossiers', 4, 'en',
$$My documents and My data: who looked at my file?$$,
$$Find every official document you received, and the list of each time the administration looked at your files.$$,
$$"My documents" gathers every official document you received through the counter, for all your files: decisions, certificates, receipts. Each shows the department that issued it and its date, and can be downloaded.

"My data" shows the personal data the counter keeps about you and the sources used to pre-fill your forms.

You also find the access log there: each time an agent opened one of your files, or an application of the administration read it, with the date, the department and the reason. If an access seems unjustified to you, contact the administration's data protection officer.$$);
