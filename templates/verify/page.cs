<?cs include:"layout.cs" ?>
<?cs # The public verification of a document (cgi-bin/verify, docs/verify.md). ?>
<?cs def:field_error(name) ?><?cs if:Form[name].error ?><p class="field-error" id="<?cs var:name ?>-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form[name].error ?></p><?cs /if ?><?cs /def ?>
<?cs def:described(name, hint) ?><?cs if:Form[name].error ?> aria-invalid="true" aria-describedby="<?cs var:hint ?> <?cs var:name ?>-error"<?cs else ?> aria-describedby="<?cs var:hint ?>"<?cs /if ?><?cs /def ?>
<?cs def:csrf() ?><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><?cs /def ?>
<?cs def:file_form(action) ?>
<form method="post" action="<?cs var:action ?>" enctype="multipart/form-data"><?cs call:csrf() ?>
<div class="field">
<label for="file"><?cs var:Lang.verify.file_label ?></label>
<p class="hint" id="file-hint"><?cs var:Lang.verify.file_hint ?></p>
<?cs call:field_error("file") ?>
<input type="file" id="file" name="file" accept="application/pdf,.pdf"<?cs call:described("file", "file-hint") ?>>
</div>
<button type="submit"><?cs var:Lang.verify.compare ?></button>
</form>
<?cs /def ?>
<?cs def:birth_field() ?>
<div class="field">
<label for="birth_date"><?cs var:Lang.verify.birth_label ?></label>
<p class="hint" id="birth-hint"><?cs var:Lang.verify.birth_hint ?></p>
<?cs call:field_error("birth_date") ?>
<input type="text" id="birth_date" name="birth_date" inputmode="numeric" autocomplete="off" maxlength="10" value="<?cs var:Form.birth_date.value ?>"<?cs call:described("birth_date", "birth-hint") ?>>
</div>
<?cs /def ?>
<?cs call:page_start(Lang.verify.title) ?>
<h1><?cs var:Lang.verify.title ?></h1>
<?cs call:error_summary() ?>

<?cs if:Verdict.kind == "same" ?><div class="panel" role="status"><h2><?cs var:Lang.verify.same ?></h2><?cs if:Doc.0.revoked ?><p><?cs var:Lang.verify.same_but_revoked ?></p><?cs /if ?></div>
<?cs elif:Verdict.kind == "differs" ?><div class="verdict-bad" role="status"><h2><?cs var:Lang.verify.differs ?></h2><p><?cs if:Verdict.nocode ?><?cs var:Lang.verify.differs_nocode ?><?cs else ?><?cs var:Lang.verify.differs_code ?><?cs /if ?></p></div>
<?cs elif:Verdict.kind == "birth_ok" ?><div class="panel" role="status"><h2><?cs var:Lang.verify.birth_ok ?></h2>
<p><?cs var:Lang.verify.holder ?> <strong><?cs var:Verdict.holder ?></strong><?cs if:Verdict.reference ?>, <?cs var:Lang.verify.reference ?> <strong class="reference"><?cs var:Verdict.reference ?></strong><?cs /if ?>.</p></div>
<?cs elif:Verdict.kind == "birth_no" ?><div class="verdict-bad" role="status"><h2><?cs var:Lang.verify.birth_no ?></h2></div>
<?cs elif:Verdict.kind == "birth_locked" ?><div class="verdict-bad" role="status"><h2><?cs var:Lang.verify.birth_locked ?></h2><p><?cs var:Lang.verify.birth_locked_hint ?></p></div>
<?cs /if ?>
<?cs if:Verify.unknown ?><div class="verdict-bad" role="status"><h2><?cs var:Lang.verify.unknown ?></h2><p><?cs var:Lang.verify.unknown_hint ?></p></div><?cs /if ?>

<?cs if:Doc.0.found ?>
<h2><?cs var:Lang.verify.what ?></h2>
<dl class="summary">
<?cs if:Verify.code ?><div class="row"><dt><?cs var:Lang.verify.code_short ?></dt><dd class="reference"><?cs var:Verify.code ?></dd></div><?cs /if ?>
<div class="row"><dt><?cs var:Lang.verify.kind ?></dt><dd><?cs var:Lang.dossiers.kind[Doc.0.kind] ?><?cs if:Doc.0.procedure ?> — <?cs var:Doc.0.procedure ?><?cs /if ?></dd></div>
<div class="row"><dt><?cs var:Lang.verify.issuer ?></dt><dd><?cs var:Doc.0.issuer ?></dd></div>
<div class="row"><dt><?cs var:Lang.verify.issued ?></dt><dd><?cs var:Doc.0.issued ?></dd></div>
<div class="row"><dt><?cs var:Lang.verify.status ?></dt><dd><?cs if:Doc.0.revoked ?><strong><?cs var:Lang.verify.revoked_on ?> <?cs var:Doc.0.revoked ?></strong><?cs else ?><strong><?cs var:Lang.verify.valid ?></strong><?cs /if ?></dd></div>
</dl>
<p class="hint"><?cs var:Lang.verify.no_personal ?></p>
<?cs /if ?>

<?cs if:Verify.code && Doc.0.found ?>
<h2><?cs var:Lang.verify.compare_title ?></h2>
<p><?cs var:Lang.verify.compare_intro ?></p>
<?cs call:file_form("/verify/" + Verify.code) ?>
<h2><?cs var:Lang.verify.birth_title ?></h2>
<form method="post" action="/verify/<?cs var:Verify.code ?>"><?cs call:csrf() ?>
<?cs call:birth_field() ?>
<button type="submit"><?cs var:Lang.verify.check ?></button>
</form>
<p><a href="/verify"><?cs var:Lang.verify.another ?></a></p>
<?cs else ?>
<p><?cs var:Lang.verify.intro ?></p>
<h2><?cs var:Lang.verify.code_title ?></h2>
<form method="get" action="/verify">
<div class="field">
<label for="code"><?cs var:Lang.verify.code_label ?></label>
<p class="hint" id="code-hint"><?cs var:Lang.verify.code_hint ?></p>
<?cs call:field_error("code") ?>
<input type="text" id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40" value="<?cs var:Form.code.value ?>"<?cs call:described("code", "code-hint") ?>>
</div>
<button type="submit"><?cs var:Lang.verify.check ?></button>
</form>
<h2><?cs var:Lang.verify.file_title ?></h2>
<?cs call:file_form("/verify") ?>
<h2><?cs var:Lang.verify.code_birth_title ?></h2>
<form method="post" action="/verify"><?cs call:csrf() ?>
<div class="field">
<label for="code_birth"><?cs var:Lang.verify.code_label ?></label>
<input type="text" id="code_birth" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="40">
</div>
<?cs call:birth_field() ?>
<button type="submit"><?cs var:Lang.verify.check ?></button>
</form>
<?cs /if ?>
<?cs call:page_end() ?>
