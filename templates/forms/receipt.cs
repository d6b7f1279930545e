<?cs include:"layout.cs" ?>
<?cs include:"forms/fields.cs" ?>
<?cs include:"deadline.cs" ?>
<?cs call:page_start(Lang.receipt.sent + " — " + Dossier.title) ?>
<div class="panel" role="status">
<h1><?cs var:Lang.receipt.sent ?></h1>
<p><?cs var:Lang.receipt.reference ?><br><strong class="reference"><?cs var:Dossier.reference ?></strong></p>
</div>
<dl class="summary">
<div class="row"><dt><?cs var:Lang.receipt.procedure ?></dt><dd><?cs var:Dossier.title ?></dd></div>
<div class="row"><dt><?cs var:Lang.receipt.submitted_at ?></dt><dd><?cs var:Receipt.submitted_at ?></dd></div>
<?cs call:deadline_rows() ?>
<div class="row"><dt><?cs var:Lang.receipt.digest ?></dt><dd class="digest"><?cs var:Receipt.digest ?></dd></div>
<div class="row"><dt><?cs var:Lang.receipt.sealed_by ?></dt><dd><?cs var:Receipt.sealed_by ?> — <?cs var:Lang.receipt.seal_kind ?></dd></div>
</dl>
<?cs if:Kiosk ?><p class="notice"><?cs var:Lang.kiosk.no_download ?></p><?cs else ?><p><a class="button" href="/forms/<?cs var:Dossier.id ?>/receipt.pdf" download><?cs var:Lang.receipt.download ?></a></p><?cs /if ?>
<p><?cs var:Lang.receipt.next ?></p>
<h2><?cs var:Lang.receipt.what ?></h2>
<?cs call:answers(0) ?>
<?cs call:page_end() ?>
