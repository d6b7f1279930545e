<?cs include:"layout.cs" ?>
<?cs with:q = Question.0 ?>
<?cs call:page_start(Lang.help.question_title + " " + q.reference) ?>
<nav class="crumbs" aria-label="<?cs var:Lang.site.breadcrumb ?>"><ol><li><a href="/inbox"><?cs var:Lang.inbox.title ?></a></li><li><a href="/inbox/helpdesk"><?cs var:Lang.inbox.helpdesk.title ?></a></li></ol></nav>
<h1><?cs var:Lang.help.question_title ?> <?cs var:q.reference ?></h1>
<?cs if:Helpdesk.done ?><p class="notice" role="status"><?cs var:Lang.inbox.helpdesk.sent ?></p><?cs /if ?>
<?cs call:error_summary() ?>
<dl class="summary">
<dt><?cs var:Lang.help.field.name ?></dt><dd><?cs var:q.name ?><?cs if:q.logged_in == "1" ?> (<?cs var:Lang.inbox.helpdesk.logged_in ?>)<?cs /if ?></dd>
<dt><?cs var:Lang.help.field.email ?></dt><dd><?cs var:q.email ?></dd>
<dt><?cs var:Lang.inbox.helpdesk.lang ?></dt><dd><?cs var:Lang.langname[q.lang] ?></dd>
<dt><?cs var:Lang.help.field.theme ?></dt><dd><?cs var:q.theme ?></dd>
<dt><?cs var:Lang.help.asked ?></dt><dd><?cs var:q.asked ?></dd>
<dt><?cs var:Lang.help.field.subject ?></dt><dd><?cs var:q.subject ?></dd>
</dl>
<h2><?cs var:Lang.help.field.message ?></h2>
<p class="message-body"><?cs var:q.body ?></p>
<h2><?cs var:Lang.help.answer_title ?></h2>
<?cs if:q.answered ?>
<p class="small"><?cs var:Lang.help.answered ?> <?cs var:q.answered ?>, <?cs var:q.answered_by ?></p>
<p class="message-body"><?cs var:q.answer ?></p>
<?cs /if ?>
<?cs if:Helpdesk.may_answer && (!q.answered || Kept.answer) ?>
<form method="post" action="/inbox/helpdesk/<?cs var:url_escape(q.reference) ?>/answer" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<div class="field<?cs if:Form.answer.error ?> has-error<?cs /if ?>">
<label for="answer"><?cs var:Lang.inbox.helpdesk.answer_label ?></label>
<p class="hint" id="answer-hint"><?cs var:Lang.inbox.helpdesk.answer_hint ?> <?cs var:Lang.langname[q.lang] ?>.</p>
<?cs if:Form.answer.error ?><p class="field-error" id="answer-error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form.answer.error ?></p><?cs /if ?>
<textarea id="answer" name="answer" rows="8" maxlength="5000" aria-describedby="answer-hint<?cs if:Form.answer.error ?> answer-error<?cs /if ?>"<?cs if:Form.answer.error ?> aria-invalid="true"<?cs /if ?>><?cs var:Kept.answer ?></textarea>
</div>
<button type="submit"><?cs var:Lang.inbox.helpdesk.send ?></button>
</form>
<?cs elif:!q.answered ?>
<p><?cs var:Lang.inbox.helpdesk.reader ?></p>
<?cs /if ?>
<?cs call:page_end() ?>
<?cs /with ?>
