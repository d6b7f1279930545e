<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.login.title) ?>
<h1><?cs var:Lang.login.title ?></h1>
<?cs if:Login.logged_out ?><p class="notice" role="status"><?cs var:Lang.login.logged_out ?></p><?cs /if ?>
<?cs if:Login.failed ?><div class="error-summary" role="alert"><p><?cs var:Lang.login.failed ?></p></div><?cs /if ?>
<?cs if:Login.step_up ?><p class="notice" role="status"><?cs var:Lang.login.step_up ?></p><?cs /if ?>
<?cs if:Form.expired ?><div class="error-summary" role="alert"><p><?cs var:Form.expired ?></p></div><?cs /if ?>
<?cs call:error_summary() ?>
<section class="choice" aria-labelledby="eid-title">
<h2 id="eid-title"><?cs var:Lang.login.eid_title ?></h2>
<p><?cs var:Lang.login.eid_text ?></p>
<p><a class="button" href="<?cs var:Login.eid_url ?>"><?cs var:Lang.login.eid_button ?></a></p>
<p class="small"><a href="/help/articles/login-with-eid"><?cs var:Lang.login.eid_help ?></a></p>
</section>
<?cs if:subcount(Login.oidc) ?>
<section class="choice" aria-labelledby="oidc-title">
<h2 id="oidc-title"><?cs var:Lang.oidc.title ?></h2>
<p><?cs var:Lang.oidc.text ?></p>
<?cs each:p = Login.oidc ?><p><a class="button" href="<?cs var:p.url ?>"><?cs var:Lang.oidc.login_with ?> <?cs var:Lang.oidc.name[p.name] ?></a></p>
<?cs /each ?></section>
<?cs /if ?>
<?cs if:!Login.strong_only ?><section class="choice" aria-labelledby="code-title">
<h2 id="code-title"><?cs var:Lang.login.code_title ?></h2>
<p><?cs var:Lang.login.code_text ?></p>
<form method="post" action="/login/code" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="return" value="<?cs var:Login.return ?>">
<div class="field">
<label for="email"><?cs var:Lang.login.email ?></label>
<?cs if:Form.email.error ?><p class="field-error" id="email-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form.email.error ?></p><?cs /if ?>
<input type="email" id="email" name="email" autocomplete="email" required maxlength="254" value="<?cs var:Form.email.value ?>"<?cs if:Form.email.error ?> aria-invalid="true" aria-describedby="email-error"<?cs /if ?>>
</div>
<button type="submit"><?cs var:Lang.login.code_send ?></button>
</form>
</section><?cs /if ?>
<?cs call:page_end() ?>
