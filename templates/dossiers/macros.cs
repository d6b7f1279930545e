<?cs # The call to add an address, when notifications would find none (sql/0027). ?>
<?cs def:mail_call() ?><?cs if:MailCall.missing ?><div class="notice" id="mail-call" role="region" aria-labelledby="mail-call-text">
<p id="mail-call-text"><?cs if:MailCall.org == "1" ?><?cs var:Lang.account.call_org ?><?cs else ?><?cs var:Lang.account.call ?><?cs /if ?></p>
<p><a href="/account"><?cs var:Lang.account.call_link ?></a><?cs if:MailCall.org == "1" ?> · <a href="/org/email?return=%2Fdossiers"><?cs var:Lang.account.call_org_link ?></a><?cs /if ?></p>
</div><?cs /if ?><?cs /def ?>
