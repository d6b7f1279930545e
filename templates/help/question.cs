<?cs include:"layout.cs" ?>
<?cs with:q = Question.0 ?>
<?cs call:page_start(Lang.help.question_title + " " + q.reference) ?>
<?cs call:breadcrumb_help() ?><?cs if:Session.on ?><li><a href="/help/questions"><?cs var:Lang.help.questions_title ?></a></li><?cs /if ?></ol></nav>
<h1><?cs var:Lang.help.question_title ?> <?cs var:q.reference ?></h1>
<dl class="summary">
<dt><?cs var:Lang.help.field.subject ?></dt><dd><?cs var:q.subject ?></dd>
<dt><?cs var:Lang.help.asked ?></dt><dd><?cs var:q.asked ?></dd>
<dt><?cs var:Lang.help.state ?></dt><dd><?cs if:q.answered ?><?cs var:Lang.help.state_answered ?><?cs else ?><?cs var:Lang.help.state_open ?><?cs /if ?></dd>
</dl>
<h2><?cs var:Lang.help.field.message ?></h2>
<p class="message-body"><?cs var:q.body ?></p>
<h2><?cs var:Lang.help.answer_title ?></h2>
<?cs if:q.answered ?>
<p class="small"><?cs var:Lang.help.answered ?> <?cs var:q.answered ?></p>
<p class="message-body"><?cs var:q.answer ?></p>
<?cs else ?>
<p><?cs var:Lang.help.waiting ?></p>
<?cs /if ?>
<?cs call:page_end() ?>
<?cs /with ?>
