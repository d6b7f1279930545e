<?cs include:"layout.cs" ?>
<?cs def:field_error(name) ?><?cs if:Form[name].error ?><p class="field-error" id="<?cs var:name ?>-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form[name].error ?></p><?cs /if ?><?cs /def ?>
<?cs def:described(name) ?><?cs if:Form[name].error ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error"<?cs /if ?><?cs /def ?>
<?cs call:page_start(Lang.help.contact_title) ?>
<?cs call:breadcrumb_help() ?></ol></nav>
<h1><?cs var:Lang.help.contact_title ?></h1>
<?cs if:Form.expired ?><div class="error-summary" role="alert"><p><?cs var:Form.expired ?></p></div><?cs /if ?>
<?cs if:Errors.count > 0 ?>
<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title"><?cs var:Lang.form.errors_title ?></h2>
<ul><?cs each:e = Errors.list ?><li><a href="#<?cs var:e.field ?>"><?cs var:Lang.help.field[e.field] ?>: <?cs var:e.message ?></a></li>
<?cs /each ?></ul>
</div>
<?cs /if ?>
<p><?cs var:Lang.help.contact_intro ?></p>
<form method="post" action="/help/contact" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<div class="field">
<label for="name"><?cs var:Lang.help.field.name ?></label>
<?cs call:field_error("name") ?>
<input type="text" id="name" name="name" autocomplete="name" required maxlength="200" value="<?cs var:Form.name.value ?>"<?cs call:described("name") ?>>
</div>
<div class="field">
<label for="email"><?cs var:Lang.help.field.email ?></label>
<p class="hint" id="email-hint"><?cs var:Lang.help.email_hint ?></p>
<?cs call:field_error("email") ?>
<input type="email" id="email" name="email" autocomplete="email" required maxlength="254" value="<?cs var:Form.email.value ?>"<?cs if:Form.email.error ?> aria-invalid="true" aria-describedby="email-hint email-error"<?cs else ?> aria-describedby="email-hint"<?cs /if ?>>
</div>
<div class="field">
<label for="theme"><?cs var:Lang.help.field.theme ?></label>
<select id="theme" name="theme">
<option value=""><?cs var:Lang.help.theme_none ?></option>
<?cs each:c = Choices ?><option value="<?cs var:c.code ?>"<?cs if:c.selected ?> selected<?cs /if ?>><?cs var:c.title ?></option>
<?cs /each ?></select>
</div>
<div class="field">
<label for="subject"><?cs var:Lang.help.field.subject ?></label>
<?cs call:field_error("subject") ?>
<input type="text" id="subject" name="subject" required maxlength="200" value="<?cs var:Form.subject.value ?>"<?cs call:described("subject") ?>>
</div>
<div class="field">
<label for="message"><?cs var:Lang.help.field.message ?></label>
<p class="hint" id="message-hint"><?cs var:Lang.help.message_hint ?></p>
<?cs call:field_error("message") ?>
<textarea id="message" name="message" rows="8" required maxlength="5000"<?cs if:Form.message.error ?> aria-invalid="true" aria-describedby="message-hint message-error"<?cs else ?> aria-describedby="message-hint"<?cs /if ?>><?cs var:Form.message.value ?></textarea>
</div>
<button type="submit"><?cs var:Lang.help.send ?></button>
</form>
<?cs call:page_end() ?>
