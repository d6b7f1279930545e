<?cs # The common layout: every page calls page_start and page_end. ?>
<?cs # At a kiosk (docs/kiosk.md), without JavaScript: a page left alone
     reloads to the idle warning before its session ends, or to the start
     page when nobody is logged in; a page may name another (the warning). ?>
<?cs def:kiosk_refresh() ?><?cs if:Kiosk ?><?cs if:Kiosk.refresh_url ?><meta http-equiv="refresh" content="<?cs var:Kiosk.refresh_after ?>;url=<?cs var:Kiosk.refresh_url ?>">
<?cs elif:Session.on ?><meta http-equiv="refresh" content="<?cs var:Kiosk.warn_after ?>;url=/login/idle?return=<?cs var:url_escape(Page.path) ?>">
<?cs elif:Page.path != "/login" ?><meta http-equiv="refresh" content="<?cs var:Kiosk.idle ?>;url=/">
<?cs /if ?><?cs /if ?><?cs /def ?>

<?cs def:page_start(title) ?><!DOCTYPE html>
<html lang="<?cs var:Page.lang ?>"<?cs if:Kiosk ?> class="kiosk"<?cs /if ?>>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:title ?> — <?cs var:Lang.site.name ?></title>
<link rel="stylesheet" href="/static/guichet.css">
<?cs call:kiosk_refresh() ?></head>
<body>
<a class="skip" href="#main"><?cs var:Lang.site.skip ?></a>
<header class="site">
<div class="wrap">
<a class="brand" href="/help"><?cs var:Lang.site.name ?></a>
<nav aria-label="<?cs var:Lang.site.lang_nav ?>">
<ul class="langs">
<?cs each:l = Page.langs ?><li><?cs if:l.current ?><span aria-current="true" lang="<?cs var:l.code ?>"><?cs var:Lang.langname[l.code] ?></span><?cs else ?><a href="<?cs var:Page.path ?>?lang=<?cs var:l.code ?>" hreflang="<?cs var:l.code ?>" lang="<?cs var:l.code ?>"><?cs var:Lang.langname[l.code] ?></a><?cs /if ?></li>
<?cs /each ?></ul>
</nav>
</div>
<?cs if:Session.on ?><nav class="wrap space-nav" aria-label="<?cs var:Lang.nav.label ?>"><ul>
<li><a href="/procedures"><?cs var:Lang.nav.procedures ?></a></li>
<li><a href="/certificates"><?cs var:Lang.nav.certificates ?></a></li>
<li><a href="/dossiers"><?cs var:Lang.nav.dossiers ?></a></li>
<li><a href="/forms"><?cs var:Lang.nav.forms ?></a></li>
<li><a href="/documents"><?cs var:Lang.nav.documents ?></a></li>
<li><a href="/my-data"><?cs var:Lang.nav.data ?></a></li>
<li><a href="/help/questions"><?cs var:Lang.nav.questions ?></a></li>
<li><a href="/org"><?cs var:Lang.nav.org ?></a></li>
<?cs if:Agent.id ?><li><a href="/inbox"><?cs var:Lang.inbox.nav ?></a></li><?cs /if ?>
</ul></nav>
<div class="wrap session-bar">
<p><?cs var:Lang.session.logged_in_as ?> <strong><?cs var:Session.name ?></strong><?cs if:Session.acting ?>, <?cs var:Lang.session.acting_for ?> <strong><?cs var:Session.acting ?></strong><?cs /if ?>
(<?cs if:Session.method == "eid" ?><?cs var:Lang.session.level_high ?><?cs elif:Session.method == "oidc" ?><?cs var:Lang.session.level_oidc ?><?cs else ?><?cs var:Lang.session.level_low ?><?cs /if ?>)</p>
<ul>
<li><a href="/login/acting"><?cs var:Lang.session.change_acting ?></a></li>
<li><a href="/account"><?cs var:Lang.account.nav ?></a></li>
<li><a href="/account/sessions"><?cs var:Lang.session.my_sessions ?></a></li>
<?cs if:!Kiosk ?><li><form method="post" action="/logout"><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><button type="submit" class="link"><?cs var:Lang.session.logout ?></button></form></li><?cs /if ?>
</ul>
<?cs if:Kiosk ?><form method="post" action="/logout" class="kiosk-end"><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><button type="submit"><?cs var:Lang.kiosk.end ?></button></form><?cs /if ?>
</div><?cs /if ?>
</header>
<main id="main" tabindex="-1">
<div class="wrap">
<?cs /def ?>

<?cs def:page_end() ?>
</div>
</main>
<footer class="site">
<div class="wrap">
<ul>
<li><a href="/help"><?cs var:Lang.help.title ?></a></li>
<li><a href="/help/contact"><?cs var:Lang.help.contact_title ?></a></li>
<?cs if:!Session.on ?><li><a href="/login"><?cs var:Lang.login.title ?></a></li><?cs /if ?>
</ul>
<ul class="legal-links">
<li><a href="/help/privacy"><?cs var:Lang.legal.privacy_title ?></a></li>
<li><a href="/help/accessibility"><?cs var:Lang.legal.accessibility_title ?></a></li>
<li><a href="/help/legal-notice"><?cs var:Lang.legal.notice_title ?></a></li>
</ul>
<p><?cs var:Lang.site.footer ?></p>
</div>
</footer>
</body>
</html>
<?cs /def ?>

<?cs # The search box of the help centre, on every help page. ?>
<?cs def:help_search_form(q) ?>
<form class="search" role="search" action="/help/search" method="get">
<label for="q"><?cs var:Lang.help.search_label ?></label>
<input type="search" id="q" name="q" value="<?cs var:q ?>" maxlength="200">
<button type="submit"><?cs var:Lang.help.search_button ?></button>
</form>
<?cs /def ?>

<?cs def:breadcrumb_help() ?>
<nav class="crumbs" aria-label="<?cs var:Lang.site.breadcrumb ?>">
<ol><li><a href="/help"><?cs var:Lang.help.title ?></a></li>
<?cs /def ?>

<?cs # The problems of a form, at the top, each a link to its field. ?>
<?cs def:error_summary() ?>
<?cs if:Errors.count > 0 ?>
<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title"><?cs var:Lang.form.errors_title ?></h2>
<ul><?cs each:e = Errors.list ?><li><a href="#<?cs var:e.field ?>"><?cs var:e.message ?></a></li>
<?cs /each ?></ul>
</div>
<?cs /if ?>
<?cs /def ?>

<?cs # Who publishes the site, as guichet.conf's legal.* keys say. ?>
<?cs def:legal_publisher() ?><?cs if:Legal.publisher ?><strong><?cs var:Legal.publisher ?></strong><?cs if:Legal.address ?>, <?cs var:Legal.address ?><?cs /if ?>.<?cs else ?><?cs var:Lang.legal.not_set ?><?cs /if ?><?cs /def ?>
