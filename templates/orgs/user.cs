<?cs include:"layout.cs" ?><?cs include:"orgs/macros.cs" ?>
<?cs call:page_start(User.name) ?>
<h1><?cs var:User.name ?> — <?cs var:Org.name ?></h1>
<?cs call:org_nav() ?>
<?cs call:error_summary() ?>
<?cs if:User.saved ?><p class="notice" role="status"><?cs var:Lang.orgs.saved ?></p><?cs /if ?>
<?cs if:User.manager == "1" ?><p><?cs var:Lang.orgs.manager_note ?></p><?cs /if ?>
<form method="post" action="/org/users/<?cs var:User.id ?>" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<?cs call:org_families(Lang.orgs.roles) ?>
<?cs call:org_input("until", Lang.orgs.until_label, "text", Lang.orgs.date_hint, "date", 0) ?>
<button type="submit"><?cs var:Lang.orgs.save ?></button>
</form>
<?cs if:User.manager != "1" ?><form method="post" action="/org/users/<?cs var:User.id ?>/remove">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<button type="submit" class="secondary"><?cs var:Lang.orgs.remove ?></button>
</form><?cs /if ?>
<p><a href="/org/users"><?cs var:Lang.orgs.back_users ?></a></p>
<?cs call:page_end() ?>
