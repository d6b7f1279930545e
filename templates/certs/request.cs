<?cs include:"layout.cs" ?>
<?cs def:field_error(name) ?><?cs if:Form[name].error ?><p class="field-error" id="<?cs var:name ?>-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form[name].error ?></p><?cs /if ?><?cs /def ?>
<?cs def:described(name) ?><?cs if:Form[name].error ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error"<?cs /if ?><?cs /def ?>
<?cs def:text_field(name, auto, max) ?><div class="field">
<label for="<?cs var:name ?>"><?cs var:Lang.certs.field[name] ?></label>
<?cs call:field_error(name) ?>
<input type="text" id="<?cs var:name ?>" name="<?cs var:name ?>" autocomplete="<?cs var:auto ?>" maxlength="<?cs var:max ?>" value="<?cs var:Form[name].value ?>"<?cs call:described(name) ?>>
</div><?cs /def ?>
<?cs call:page_start(Type.title) ?>
<p><a href="/certificates"><?cs var:Lang.certs.title ?></a></p>
<h1><?cs var:Type.title ?></h1>
<?cs call:error_summary() ?>
<p><?cs var:Type.summary ?></p>
<p><?cs if:Type.automatic == "1" ?><?cs var:Lang.certs.automatic_long ?><?cs else ?><?cs var:Lang.certs.checked_long ?><?cs /if ?> <?cs if:Type.paid ?><?cs var:Lang.certs.paid_note ?><?cs else ?><?cs var:Lang.certs.free ?><?cs /if ?></p>
<form method="post" action="/certificates/<?cs var:Type.code ?>" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<fieldset id="lang"<?cs call:described("lang") ?>><legend><?cs var:Lang.certs.field.lang ?></legend>
<?cs call:field_error("lang") ?>
<?cs each:l = Type.langs ?><div class="choice"><input type="radio" id="lang-<?cs var:l.code ?>" name="lang" value="<?cs var:l.code ?>"<?cs if:l.chosen ?> checked<?cs /if ?>>
<label for="lang-<?cs var:l.code ?>" lang="<?cs var:l.code ?>"><?cs var:Lang.langname[l.code] ?></label></div>
<?cs /each ?></fieldset>
<fieldset id="delivery"<?cs call:described("delivery") ?>><legend><?cs var:Lang.certs.field.delivery ?></legend>
<?cs call:field_error("delivery") ?>
<div class="choice"><input type="radio" id="delivery-vault" name="delivery" value="vault"<?cs if:Form.delivery.value == "vault" ?> checked<?cs /if ?>>
<label for="delivery-vault"><?cs var:Lang.certs.delivery.vault ?><?cs if:Type.price.vault ?> — <span class="price"><?cs var:Type.price.vault ?></span><?cs /if ?></label></div>
<?cs if:Type.post == "1" ?><div class="choice"><input type="radio" id="delivery-post" name="delivery" value="post"<?cs if:Form.delivery.value == "post" ?> checked<?cs /if ?>>
<label for="delivery-post"><?cs var:Lang.certs.delivery.post ?><?cs if:Type.price.post ?> — <span class="price"><?cs var:Type.price.post ?></span><?cs /if ?></label></div><?cs /if ?>
<?cs if:Type.email == "1" ?><?cs if:Type.email_to ?><div class="choice"><input type="radio" id="delivery-email" name="delivery" value="email"<?cs if:Form.delivery.value == "email" ?> checked<?cs /if ?>>
<label for="delivery-email"><?cs var:Lang.certs.delivery.email ?> <span class="email"><?cs var:Type.email_to ?></span><?cs if:Type.price.email ?> — <span class="price"><?cs var:Type.price.email ?></span><?cs /if ?></label></div>
<?cs else ?><p class="hint" id="email-hint"><?cs var:Lang.certs.email_unverified ?> <a href="/account"><?cs var:Lang.certs.email_account ?></a></p><?cs /if ?><?cs /if ?>
</fieldset>
<?cs if:Type.post == "1" ?><fieldset id="address_choice"<?cs call:described("address_choice") ?>><legend><?cs var:Lang.certs.field.address_choice ?></legend>
<p class="hint"><?cs var:Lang.certs.address_hint ?></p>
<?cs call:field_error("address_choice") ?>
<div class="choice"><input type="radio" id="address-registered" name="address_choice" value="registered"<?cs if:Form.address_choice.value != "other" ?> checked<?cs /if ?>>
<label for="address-registered"><?cs var:Lang.certs.address_registered ?></label></div>
<div class="choice"><input type="radio" id="address-other" name="address_choice" value="other"<?cs if:Form.address_choice.value == "other" ?> checked<?cs /if ?>>
<label for="address-other"><?cs var:Lang.certs.address_other ?></label></div>
<?cs call:text_field("street", "address-line1", "200") ?>
<?cs call:text_field("number", "off", "10") ?>
<?cs call:text_field("box", "off", "10") ?>
<?cs call:text_field("postcode", "postal-code", "4") ?>
<?cs call:text_field("locality", "address-level2", "200") ?>
</fieldset><?cs /if ?>
<button type="submit"><?cs var:Lang.certs.ask ?></button>
</form>
<?cs call:page_end() ?>
