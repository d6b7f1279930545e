<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.inbox.refused_title) ?>
<h1><?cs var:Lang.inbox.refused_title ?></h1>
<?cs if:Refused.step_up ?><p><?cs var:Lang.inbox.refused_eid ?></p>
<p><a class="button" href="/login?step_up=1&amp;return=/inbox"><?cs var:Lang.inbox.refused_eid_link ?></a></p>
<?cs else ?><p><?cs var:Lang.inbox.refused_agent ?></p><?cs /if ?>
<?cs call:page_end() ?>
