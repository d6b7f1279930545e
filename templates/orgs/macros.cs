<?cs # Shared by the organisation's pages. ?>
<?cs def:org_field_error(name) ?><?cs if:Form[name].error ?><p class="field-error" id="<?cs var:name ?>-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form[name].error ?></p><?cs /if ?><?cs /def ?>
<?cs def:org_input(name, label, type, hint, kind, required) ?><div class="field">
<label for="<?cs var:name ?>"><?cs var:label ?></label>
<?cs if:hint ?><p class="hint" id="<?cs var:name ?>-hint"><?cs var:hint ?></p><?cs /if ?>
<?cs call:org_field_error(name) ?>
<input type="<?cs var:type ?>" id="<?cs var:name ?>" name="<?cs var:name ?>" value="<?cs var:Form[name].value ?>"<?cs if:kind == "number" ?> inputmode="numeric" autocomplete="off" maxlength="20"<?cs elif:kind == "date" ?> maxlength="10"<?cs elif:kind == "email" ?> autocomplete="email" maxlength="254"<?cs /if ?><?cs if:required ?> required<?cs /if ?><?cs if:Form[name].error ?> aria-invalid="true" aria-describedby="<?cs if:hint ?><?cs var:name ?>-hint <?cs /if ?><?cs var:name ?>-error"<?cs elif:hint ?> aria-describedby="<?cs var:name ?>-hint"<?cs /if ?>>
</div><?cs /def ?>
<?cs def:org_families(legend) ?><fieldset id="scope">
<legend><?cs var:legend ?></legend>
<?cs call:org_field_error("scope") ?>
<?cs each:f = Families ?><div class="field"><input type="checkbox" id="role_<?cs var:f.code ?>" name="role_<?cs var:f.code ?>" value="1"<?cs if:f.held == "1" ?> checked<?cs /if ?>>
<label for="role_<?cs var:f.code ?>"><?cs var:f.title ?></label></div>
<?cs /each ?></fieldset><?cs /def ?>
<?cs def:org_nav() ?><nav aria-label="<?cs var:Lang.orgs.nav ?>"><ul class="inline">
<li><a href="/org"><?cs var:Lang.orgs.space ?></a></li>
<li><a href="/dossiers"><?cs var:Lang.nav.dossiers ?></a></li>
<li><a href="/documents"><?cs var:Lang.nav.documents ?></a></li>
<?cs if:Org.mandate != "1" ?><li><a href="/org/users"><?cs var:Lang.orgs.users ?></a></li>
<li><a href="/org/mandates"><?cs var:Lang.orgs.mandates ?></a></li><?cs /if ?>
<li><a href="/org/audit"><?cs var:Lang.orgs.audit ?></a></li>
</ul></nav><?cs /def ?>
