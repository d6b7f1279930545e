<?cs include:"layout.cs" ?>
<?cs # The payments section's macros (inbox/payment_macros.cs), for this page. ?>
<?cs def:text_box(action, hint) ?>
<div class="field<?cs if:Form[action + "_body"].error ?> has-error<?cs /if ?>">
<label for="<?cs var:action ?>_body"><?cs var:Lang.inbox.text ?></label>
<p class="hint" id="<?cs var:action ?>_hint"><?cs var:hint ?></p>
<?cs if:Form[action + "_body"].error ?><p class="field-error" id="<?cs var:action ?>_error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form[action + "_body"].error ?></p><?cs /if ?>
<textarea id="<?cs var:action ?>_body" name="body" rows="3" maxlength="2000" aria-describedby="<?cs var:action ?>_hint<?cs if:Form[action + "_body"].error ?> <?cs var:action ?>_error<?cs /if ?>"><?cs var:Kept[action] ?></textarea>
</div>
<?cs /def ?>
<?cs def:action_start(action) ?><form method="post" action="/inbox/certificates/<?cs var:Request.0.id ?>/<?cs var:action ?>" class="action" novalidate><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><?cs /def ?>
<?cs include:"inbox/payment_macros.cs" ?>
<?cs def:grounds_field(name, label) ?><div class="field">
<label for="<?cs var:name ?>"><?cs var:label ?></label>
<?cs if:Form[name].error ?><p class="field-error" id="<?cs var:name ?>-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form[name].error ?></p><?cs /if ?>
<textarea id="<?cs var:name ?>" name="<?cs var:name ?>" rows="4" maxlength="2000"<?cs if:Form[name].error ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error"<?cs /if ?>><?cs var:Form[name].value ?></textarea>
</div><?cs /def ?>
<?cs with:q = Request.0 ?>
<?cs call:page_start(Request.title) ?>
<nav class="crumbs" aria-label="<?cs var:Lang.site.breadcrumb ?>"><ol><li><a href="/inbox"><?cs var:Lang.inbox.title ?></a></li><li><a href="/inbox/certificates"><?cs var:Lang.certs.inbox.title ?></a></li></ol></nav>
<h1><?cs var:Request.title ?> <span class="reference"><?cs var:q.reference ?></span></h1>
<?cs if:Request.done ?><p class="notice" role="status"><?cs var:Lang.certs.inbox["done_" + Request.done] ?></p><?cs /if ?>
<?cs call:error_summary() ?>
<dl class="facts">
<dt><?cs var:Lang.certs.inbox.person ?></dt><dd><?cs var:q.person ?></dd>
<dt><?cs var:Lang.certs.asked ?></dt><dd><?cs var:q.created ?></dd>
<dt><?cs var:Lang.certs.status_col ?></dt><dd id="status" data-status="<?cs var:q.status ?>"><?cs if:q.revoked == "t" ?><?cs var:Lang.certs.status.revoked ?> (<?cs var:q.revoked_reason ?>)<?cs else ?><?cs var:Lang.certs.status[q.status] ?><?cs /if ?></dd>
<dt><?cs var:Lang.certs.field.lang ?></dt><dd><?cs var:Lang.langname[q.lang] ?></dd>
<dt><?cs var:Lang.certs.field.delivery ?></dt><dd><?cs var:Lang.certs.delivery[q.delivery] ?><?cs if:q.postal ?> <code><?cs var:q.postal ?></code><?cs /if ?></dd>
<?cs if:q.refused_reason ?><dt><?cs var:Lang.certs.inbox.grounds ?></dt><dd><?cs var:q.refused_reason ?></dd><?cs /if ?>
</dl>
<?cs if:Preview.title ?><h2><?cs var:Lang.certs.inbox.preview ?></h2>
<div class="preview" lang="<?cs var:q.lang ?>"><p><strong><?cs var:Preview.title ?></strong></p>
<p id="preview-body"><?cs var:Preview.body ?></p>
<dl><?cs each:f = Preview.facts ?><dt><?cs var:f.label ?></dt><dd><?cs var:f.value ?></dd>
<?cs /each ?></dl></div>
<h2><?cs var:Lang.certs.inbox.register ?></h2>
<table class="register"><caption class="visually-hidden"><?cs var:Lang.certs.inbox.register ?></caption>
<tbody><?cs each:d = Data ?><tr><th scope="row"><code><?cs var:d.path ?></code></th><td><?cs var:d.value ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:Request.can_act == "1" ?>
<?cs if:q.status == "checking" ?>
<form method="post" action="/inbox/certificates/<?cs var:q.id ?>/issue"><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<button type="submit"><?cs var:Lang.certs.inbox.issue ?></button></form>
<form method="post" action="/inbox/certificates/<?cs var:q.id ?>/refuse" novalidate><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<?cs call:grounds_field("grounds", Lang.certs.inbox.grounds) ?>
<button type="submit"><?cs var:Lang.certs.inbox.refuse ?></button></form>
<?cs elif:q.status == "issued" && q.revoked != "t" ?>
<form method="post" action="/inbox/certificates/<?cs var:q.id ?>/revoke" novalidate><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<?cs call:grounds_field("revoke_reason", Lang.certs.inbox.revoke_reason) ?>
<button type="submit"><?cs var:Lang.certs.inbox.revoke ?></button></form>
<?cs /if ?><?cs /if ?>
<?cs /with ?>
<?cs call:payments_section() ?>
<?cs call:page_end() ?>
