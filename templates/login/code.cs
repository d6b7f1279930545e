<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.login.code_enter_title) ?>
<h1><?cs var:Lang.login.code_enter_title ?></h1>
<?cs if:Code.error ?><div class="error-summary" role="alert"><p><a href="#code"><?cs var:Code.error ?></a></p></div><?cs /if ?>
<p><?cs var:Lang.login.code_sent ?> <strong><?cs var:Code.email ?></strong>. <?cs var:Lang.login.code_valid ?></p>
<form method="post" action="/login/code/verify" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="return" value="<?cs var:Login.return ?>">
<input type="hidden" name="email" value="<?cs var:Code.email ?>">
<div class="field">
<label for="code"><?cs var:Lang.login.code_label ?></label>
<p class="hint" id="code-hint"><?cs var:Lang.login.code_hint ?></p>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required aria-describedby="code-hint"<?cs if:Code.error ?> aria-invalid="true"<?cs /if ?>>
</div>
<button type="submit"><?cs var:Lang.login.code_submit ?></button>
</form>
<p><a href="/login?return=<?cs var:url_escape(Login.return) ?>"><?cs var:Lang.login.code_again ?></a></p>
<?cs call:page_end() ?>
