<?cs include:"layout.cs" ?>
<?cs def:profile_error(name) ?><?cs if:Form[name].error ?><p class="field-error" id="<?cs var:name ?>-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form[name].error ?></p><?cs /if ?><?cs /def ?>
<?cs def:profile_described(name) ?><?cs if:Form[name].error ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-hint <?cs var:name ?>-error"<?cs else ?> aria-describedby="<?cs var:name ?>-hint"<?cs /if ?><?cs /def ?>
<?cs call:page_start(Lang.account.title) ?>
<h1><?cs var:Lang.account.title ?></h1>
<?cs if:Profile.note == "saved" ?><p class="notice" role="status"><?cs var:Lang.account.saved ?></p>
<?cs elif:Profile.note == "sent" ?><p class="notice" role="status"><?cs var:Lang.account.sent ?> <strong><?cs var:Profile.pending ?></strong>.</p>
<?cs elif:Profile.note == "verified" ?><p class="notice" role="status"><?cs var:Lang.account.verified ?></p><?cs /if ?>
<?cs call:error_summary() ?>
<p><?cs var:Lang.account.intro ?></p>
<form method="post" action="/account" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<h2><?cs var:Lang.account.contact ?></h2>
<?cs if:Profile.login_email ?><p><?cs var:Lang.account.login_email ?> <strong><?cs var:Profile.login_email ?></strong></p>
<?cs else ?>
<p><?cs if:Profile.email ?><?cs var:Lang.account.email_current ?> <strong><?cs var:Profile.email ?></strong><?cs else ?><?cs var:Lang.account.email_none ?><?cs /if ?></p>
<?cs if:Profile.pending ?><p><?cs var:Lang.account.email_pending ?> <strong><?cs var:Profile.pending ?></strong></p><?cs /if ?>
<div class="field">
<label for="email"><?cs var:Lang.account.email ?> <?cs var:Lang.form.optional ?></label>
<p class="hint" id="email-hint"><?cs var:Profile.hint ?></p>
<?cs call:profile_error("email") ?>
<input type="email" id="email" name="email" autocomplete="email" maxlength="254" value="<?cs var:Form.email.value ?>"<?cs call:profile_described("email") ?>>
</div>
<?cs /if ?>
<div class="field">
<label for="phone"><?cs var:Lang.account.phone ?> <?cs var:Lang.form.optional ?></label>
<p class="hint" id="phone-hint"><?cs var:Lang.account.phone_hint ?></p>
<?cs call:profile_error("phone") ?>
<input type="tel" id="phone" name="phone" autocomplete="tel" maxlength="30" value="<?cs var:Form.phone.value ?>"<?cs call:profile_described("phone") ?>>
</div>
<fieldset id="lang">
<legend><?cs var:Lang.account.lang ?></legend>
<p class="hint"><?cs var:Lang.account.lang_hint ?></p>
<?cs call:profile_error("lang") ?>
<?cs each:l = Page.langs ?><div class="field"><input type="radio" id="lang-<?cs var:l.code ?>" name="lang" value="<?cs var:l.code ?>"<?cs if:Form.lang.value == l.code ?> checked<?cs /if ?>>
<label for="lang-<?cs var:l.code ?>" lang="<?cs var:l.code ?>"><?cs var:Lang.langname[l.code] ?></label></div>
<?cs /each ?></fieldset>
<fieldset>
<legend><?cs var:Lang.account.notify ?></legend>
<p class="hint"><?cs var:Lang.account.notify_hint ?></p>
<?cs each:k = Lang.account.kinds ?><div class="field"><input type="checkbox" id="notify_<?cs name:k ?>" name="notify_<?cs name:k ?>" value="1"<?cs if:Form["notify_" + name(k)].value == "1" ?> checked<?cs /if ?>>
<label for="notify_<?cs name:k ?>"><?cs var:k ?></label></div>
<?cs /each ?></fieldset>
<button type="submit"><?cs var:Lang.account.save ?></button>
</form>
<p><a href="/account/sessions"><?cs var:Lang.session.my_sessions ?></a></p>
<?cs call:page_end() ?>
