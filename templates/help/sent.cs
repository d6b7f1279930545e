<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.help.sent_title) ?>
<h1><?cs var:Lang.help.sent_title ?></h1>
<div role="status">
<?cs if:Question.reference ?><p><?cs var:Lang.help.sent_reference ?> <strong><?cs var:Question.reference ?></strong>.</p><?cs /if ?>
<p><?cs var:Lang.help.sent_text ?></p>
</div>
<?cs if:Session.on ?><p><a href="/help/questions"><?cs var:Lang.help.questions_title ?></a></p><?cs /if ?>
<p><a href="/help"><?cs var:Lang.error.back ?></a></p>
<?cs call:page_end() ?>
