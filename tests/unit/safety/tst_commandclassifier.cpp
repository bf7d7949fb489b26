// SPDX-License-Identifier: GPL-3.0-or-later
#include "safety/commandclassifier.h"
#include "safety/shelltokenizer.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

QString opName(ShellOperator op)
{
    switch (op) {
    case ShellOperator::None:
        return {};
    case ShellOperator::Pipe:
        return u"|"_s;
    case ShellOperator::And:
        return u"&&"_s;
    case ShellOperator::Or:
        return u"||"_s;
    case ShellOperator::Sequence:
        return u";"_s;
    case ShellOperator::Background:
        return u"&"_s;
    case ShellOperator::Newline:
        return u"NL"_s;
    }
    return u"?"_s;
}

/// A compact rendering of a parse: `(word,word R:op target S:[nested])op`, prefixed by
/// the subshell depth when inside `( … )`.
QString render(const ShellCommandList &list)
{
    QString out;
    for (const ShellSimpleCommand &cmd : list.commands) {
        if (cmd.subshellDepth > 0)
            out += QString::number(cmd.subshellDepth);
        QStringList words;
        for (const ShellWord &w : cmd.words)
            words.append(w.text);
        out += u'(' + words.join(u',');
        for (const ShellRedirection &r : cmd.redirections) {
            out +=
                u" R:"_s + (r.fd >= 0 ? QString::number(r.fd) : QString()) + r.op + r.target.text;
            if (r.isHeredoc())
                out += u'[' + QString(r.heredocBody).replace(u'\n', u"\\n"_s) + u']';
        }
        for (const ShellCommandList &sub : cmd.substitutions)
            out += u" S:["_s + render(sub) + u']';
        out += u')' + opName(cmd.next);
    }
    return out;
}

ClassifyOptions defaultOptions()
{
    ClassifyOptions o;
    o.scratchTargets = {u"bot_core_test"_s};
    o.parameters = {{u"svc"_s, u"python-ai-service"_s}};
    return o;
}

QStringList spanTexts(const QString &command, const Classification &c)
{
    QStringList out;
    for (const Classification::Span &s : c.spans)
        out.append(command.mid(s.start, s.length));
    return out;
}

} // namespace

class TestCommandClassifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokenizer_data();
    void tokenizer();
    void tokenizerErrors_data();
    void tokenizerErrors();
    void wordFlagsAndSpans();
    void classify_data();
    void classify();
    void classifySql_data();
    void classifySql();
    void placeholders();
    void scratchTargets();
    void badInputKeepsCommand();
    void fuzz();
};

void TestCommandClassifier::tokenizer_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << u""_s << u""_s;
    QTest::newRow("blank") << u"  \t "_s << u""_s;
    QTest::newRow("simple") << u"ls -la /opt"_s << u"(ls,-la,/opt)"_s;
    QTest::newRow("double quotes hide ;") << u"echo \"a; b\""_s << u"(echo,a; b)"_s;
    QTest::newRow("single quotes adjacent") << u"echo 'it''s'"_s << u"(echo,its)"_s;
    QTest::newRow("escaped quote in double")
        << u"echo \"say \\\"hi\\\"\""_s << u"(echo,say \"hi\")"_s;
    QTest::newRow("single inside double") << u"echo \"it's\""_s << u"(echo,it's)"_s;
    QTest::newRow("double inside single") << u"echo 'a \"b\" c'"_s << u"(echo,a \"b\" c)"_s;
    QTest::newRow("escaped space") << u"ls my\\ dir"_s << u"(ls,my dir)"_s;
    QTest::newRow("backslash kept in double") << u"echo \"a\\nb\""_s << u"(echo,a\\nb)"_s;
    QTest::newRow("operators") << u"a|b||c&&d;e&"_s << u"(a)|(b)||(c)&&(d);(e)&"_s;
    QTest::newRow("pipe stderr") << u"a |& b"_s << u"(a)|(b)"_s;
    QTest::newRow("subshell") << u"(cd x && ls) | wc -l"_s << u"1(cd,x)&&1(ls)|(wc,-l)"_s;
    QTest::newRow("nested subst") << u"echo $(ls $(pwd))"_s
                                  << u"(echo,$(ls $(pwd)) S:[(ls,$(pwd) S:[(pwd)])])"_s;
    QTest::newRow("subst with quoted paren")
        << u"echo \"$(echo \")\")\""_s << u"(echo,$(echo \")\") S:[(echo,))])"_s;
    QTest::newRow("backticks") << u"echo `date -u`"_s << u"(echo,`date -u` S:[(date,-u)])"_s;
    QTest::newRow("arithmetic") << u"echo $((1 + 2))"_s << u"(echo,$((1 + 2)))"_s;
    QTest::newRow("braced var") << u"echo ${HOME}/x"_s << u"(echo,${HOME}/x)"_s;
    QTest::newRow("ansi-c") << u"echo $'a\\tb'"_s << u"(echo,a\tb)"_s;
    QTest::newRow("redirections") << u"ls 2>&1 >/dev/null >> log"_s
                                  << u"(ls R:2>&1 R:>/dev/null R:>>log)"_s;
    QTest::newRow("amp redirection") << u"cmd &> out.txt"_s << u"(cmd R:&>out.txt)"_s;
    QTest::newRow("here-string") << u"psql <<< \"SELECT 1\""_s << u"(psql R:<<<SELECT 1)"_s;
    QTest::newRow("heredoc") << u"cat <<EOF\nhi $X\nEOF\necho after"_s
                             << u"(cat R:<<EOF[hi $X\\n])NL(echo,after)"_s;
    QTest::newRow("heredoc quoted dash")
        << u"cat <<-'END' | sh\n\tls\n\tEND\n"_s << u"(cat R:<<-END[ls\\n])|(sh)NL"_s;
    QTest::newRow("heredoc unterminated") << u"cat <<EOF\nbody"_s << u"(cat R:<<EOF[body\\n])NL"_s;
    QTest::newRow("process substitution")
        << u"diff <(ls a) b"_s << u"(diff,<(ls a),b S:[(ls,a)])"_s;
    QTest::newRow("comment") << u"ls # c; rm -rf /"_s << u"(ls)"_s;
    QTest::newRow("hash inside word") << u"echo a#b"_s << u"(echo,a#b)"_s;
    QTest::newRow("line continuation") << u"ls \\\n -la"_s << u"(ls,-la)"_s;
    QTest::newRow("crlf") << u"ls\r\npwd\r\n"_s << u"(ls)NL(pwd)NL"_s;
    QTest::newRow("assignment kept") << u"A=1 B='x y' env"_s << u"(A=1,B=x y,env)"_s;
    QTest::newRow("function def") << u"f() { ls; }"_s << u"(f);({,ls);(})"_s;
}

void TestCommandClassifier::tokenizer()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const auto parsed = ShellTokenizer::parse(input);
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().toString()));
    QCOMPARE(render(*parsed), expected);
}

void TestCommandClassifier::tokenizerErrors_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("message");

    QTest::newRow("double quote") << u"echo \"abc"_s << u"double quote"_s;
    QTest::newRow("single quote") << u"echo 'abc"_s << u"single quote"_s;
    QTest::newRow("subst") << u"echo $(ls"_s << u"$("_s;
    QTest::newRow("backtick") << u"echo `ls"_s << u"backtick"_s;
    QTest::newRow("braced") << u"echo ${HOME"_s << u"${"_s;
    QTest::newRow("missing target") << u"ls >"_s << u"no file name"_s;
    QTest::newRow("target is operator") << u"ls > | wc"_s << u"no file name"_s;
    QTest::newRow("stray paren") << u"ls )"_s << u")"_s;
    QTest::newRow("open subshell") << u"(ls"_s << u"("_s;
    QTest::newRow("too deep") << QString(u"$("_s).repeated(100) << u"nested too deeply"_s;
}

void TestCommandClassifier::tokenizerErrors()
{
    QFETCH(QString, input);
    QFETCH(QString, message);
    const auto parsed = ShellTokenizer::parse(input);
    QVERIFY(!parsed.has_value());
    QCOMPARE(parsed.error().code, u"shell.syntax"_s);
    QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
    QVERIFY(parsed.error().detail.startsWith(u"offset "_s));
}

void TestCommandClassifier::wordFlagsAndSpans()
{
    const QString text = u"echo \"$HOME\" 'x' y; kill `cat pid`"_s;
    const auto parsed = ShellTokenizer::parse(text);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->commands.size(), 2);
    const auto &echo = parsed->commands[0].words;
    QCOMPARE(echo.size(), 4);
    QVERIFY(echo[1].quoted && echo[1].hasExpansion);
    QVERIFY(echo[2].quoted && !echo[2].hasExpansion);
    QVERIFY(!echo[3].quoted && !echo[3].hasExpansion);
    QCOMPARE(text.mid(echo[1].span.start, echo[1].span.length), u"\"$HOME\""_s);
    QCOMPARE(text.mid(parsed->commands[0].span.start, parsed->commands[0].span.length),
             u"echo \"$HOME\" 'x' y"_s);
    const ShellSimpleCommand &kill = parsed->commands[1];
    QCOMPARE(kill.substitutions.size(), size_t(1));
    const ShellSimpleCommand &cat = kill.substitutions[0].commands[0];
    QCOMPARE(text.mid(cat.span.start, cat.span.length), u"cat pid"_s);
    QCOMPARE(ShellTokenizer::allCommands(*parsed).size(), 3);

    const QString doc = u"mongosh <<EOF\nuse x\nEOF\n"_s;
    const auto heredoc = ShellTokenizer::parse(doc);
    QVERIFY(heredoc.has_value());
    const ShellRedirection &r = heredoc->commands[0].redirections[0];
    QVERIFY(r.heredocExpands);
    QCOMPARE(doc.mid(r.heredocStart, r.heredocBody.size()), u"use x\n"_s);
}

void TestCommandClassifier::classify_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("level");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("span");
    QTest::addColumn<bool>("cannotVerify");

    const QString S = u"safe"_s;
    const QString C = u"confirm"_s;
    const QString D = u"destructive"_s;
    auto row = [](const QString &cmd, const QString &level, const QString &reason = {},
                  const QString &span = {}, bool cv = false) {
        QTest::newRow(cmd.toUtf8().constData()) << cmd << level << reason << span << cv;
    };

    // The canonical cases, word for word.
    row(u"pkill -f gunicorn"_s, D, u"pkill stops running processes"_s, u"pkill -f gunicorn"_s);
    row(u"ps aux | grep gunicorn"_s, S);
    row(u"grep -i kill app.log"_s, S);
    row(u"echo \"rm -rf /\""_s, S);
    row(u"tar -tzf a.tar.gz"_s, S);
    row(u"tar -czf b.tgz logs/"_s, S);
    row(u"tar -xzf b.tgz"_s, D, u"extracts over existing files"_s);
    row(u"python3 scripts/dr_restore_check.py"_s, S);
    row(u"python3 scripts/dr_restore_check.py --restore backups/latest.tar.gz"_s, D,
        u"--restore"_s);
    row(u"find logs/ -name '*.gz' -mtime +90 -delete"_s, D, u"find -delete"_s, u"-delete"_s);
    row(u"docker-compose logs --since=24h | grep -i error"_s, S);
    row(u"docker-compose up -d"_s, S);
    row(u"docker-compose up -d --force-recreate x"_s, D, u"recreates"_s);
    row(u"mongorestore --uri=… --gzip --drop"_s, D, u"--drop"_s);
    row(u"sudo ufw deny from 1.2.3.4"_s, D, u"ufw deny"_s, u"sudo ufw deny from 1.2.3.4"_s);
    row(u"sudo sysctl -w net.core.somaxconn=4096"_s, D, u"kernel settings"_s);
    row(u"mongosh … --eval \"db.dropDatabase()\""_s, D, u"dropDatabase"_s);
    row(u"ls > /etc/passwd"_s, D, u"/etc/passwd"_s, u"> /etc/passwd"_s);
    row(u"bash -c \"$CMD\""_s, D, u"cannot verify"_s, u"bash -c \"$CMD\""_s, true);

    // Every command of the built-in runbooks.
    row(u"python3 scripts/daily_health_check.py"_s, S);
    row(u"tail -100 /tmp/logs/EchoPilot_Bot_*.log"_s, S);
    row(u"tail -100 /tmp/logs/Scheduler_*.log"_s, S);
    row(u"python3 scripts/security_scanner.py"_s, S);
    row(u"pip list --outdated"_s, S);
    row(u"python3 scripts/autoscaler.py"_s, S);
    row(u"ps aux | grep exec_scheduler"_s, S);
    row(u"pkill -f exec_scheduler.py"_s, D, u"pkill"_s);
    row(u"tail -200 /tmp/logs/EchoPilot_Bot_*.log"_s, S);
    row(u"grep ERROR /tmp/logs/Scheduler_*.log"_s, S);
    row(u"ls -lh backups/*.tar.gz"_s, S);
    row(u"tar -czf backups/manual_<UTC timestamp>.tar.gz logs/ bot/ run.py replit.md"_s, S);
    row(u"tar -tzf backups/latest.tar.gz | head -20"_s, S);
    row(u"find logs/ -name '*.ndjson' -mtime +30 -exec gzip {} \\;"_s, S);
    row(u"psql \"$DATABASE_URL\" -c \"VACUUM ANALYZE;\""_s, S);
    row(u"psql \"$DATABASE_URL\" -c \"SELECT relname FROM pg_statio_user_tables ORDER BY 1;\""_s,
        S);
    row(u"docker-compose ps"_s, S);
    row(u"curl -fsS http://localhost:8080/api/health | jq .status"_s, S);
    row(u"docker stats --no-stream"_s, S);
    row(u"df -h / /opt"_s, S);
    row(u"docker-compose logs --since=24h | grep -i error | tail -20"_s, S);
    row(u"ls -lht /opt/bot-core/backups/ | head -5"_s, S);
    row(u"docker-compose logs --tail=100 <svc>"_s, S);
    row(u"docker-compose restart <svc>"_s, D, u"docker-compose restart"_s,
        u"docker-compose restart <svc>"_s);
    row(u"docker-compose up -d --force-recreate <svc>"_s, D, u"--force-recreate"_s);
    row(u"docker stats"_s, S);
    row(u"docker logs <svc> | grep -i memory"_s, S);
    row(u"docker-compose up --scale <svc>=2"_s, D, u"--scale"_s);
    row(u"mongodump --uri=\"$DATABASE_URL\" --archive=backups/bot_core_$(date +%F).archive --gzip"_s,
        S);
    row(u"mongorestore --uri=mongodb://localhost:27017/bot_core_test --archive=<latest> --gzip"_s,
        C, u"scratch database bot_core_test"_s);
    row(u"mongosh mongodb://localhost:27017/bot_core_test --eval \"db.users.count()\""_s, S);
    row(u"mongosh mongodb://localhost:27017/bot_core_test --eval \"db.dropDatabase()\""_s, C,
        u"scratch database bot_core_test"_s);
    row(u"docker-compose down"_s, D, u"docker-compose down"_s);
    row(u"mongorestore --uri=\"$DATABASE_URL\" --archive=backups/latest.archive --gzip --drop"_s, D,
        u"--drop deletes every restored collection"_s);
    row(u"docker-compose stop <svc>"_s, D);
    row(u"ufw deny from <ip>"_s, D, u"ufw deny"_s);

    // Operators, quoting and nesting.
    row(u"echo \"a; rm -rf /\""_s, S);
    row(u"echo a\\ b; ls my\\ dir"_s, S);
    row(u"rm -rf my\\ dir"_s, D, u"rm -r"_s, u"rm -rf my\\ dir"_s);
    row(u"echo $(pkill x)"_s, D, u"pkill"_s, u"pkill x"_s);
    row(u"echo \"$(pkill -f gunicorn)\""_s, D, u"pkill"_s);
    row(u"echo `pkill x`"_s, D, u"pkill"_s);
    row(u"echo 'pkill -f gunicorn'"_s, S);
    row(u"echo '$(pkill x)'"_s, S);
    row(u"# rm -rf /"_s, S);
    row(u"ls -la # rm -rf /"_s, S);
    row(u"ps aux | grep '[g]unicorn'"_s, S);
    row(u"echo start; pkill -f gunicorn; echo done"_s, D, {}, u"pkill -f gunicorn"_s);
    row(u"ls && rm -rf build || echo failed"_s, D, u"rm -r"_s);
    row(u"true || reboot"_s, D, u"reboot"_s);
    row(u"(cd /opt/bot-core && docker-compose down)"_s, D, {}, u"docker-compose down"_s);
    row(u"for f in *.log; do gzip \"$f\"; done"_s, S);
    row(u"for f in *.log; do rm \"$f\"; done"_s, D, u"rm deletes files"_s);
    row(u"if true; then systemctl restart nginx; fi"_s, D, u"systemctl restart"_s);
    row(u"docker-compose ps\r\n"_s, S);
    row(u""_s, S);

    // Processes.
    row(u"kill -0 1234"_s, D, u"kill stops"_s); // conservative on purpose
    row(u"kill -9 1234"_s, D);
    row(u"kill -l"_s, S);
    row(u"killall nginx"_s, D, u"killall"_s);
    row(u"/usr/bin/pkill -f gunicorn"_s, D, u"pkill"_s);
    row(u"nohup pkill -f gunicorn &"_s, D);
    row(u"timeout 10 kill 1234"_s, D);
    row(u"env FOO=1 rm -rf build"_s, D, u"rm -r"_s);
    row(u"FOO=bar BAZ=1 pkill app"_s, D);
    row(u"sudo -u www-data pkill -f gunicorn"_s, D);
    row(u"pgrep -f gunicorn"_s, S);

    // Redirections.
    row(u"tail -f app.log > /dev/null"_s, S);
    row(u"tail -n 50 app.log 2>&1 | grep ERROR"_s, S);
    row(u"echo hello >> notes.txt"_s, S);
    row(u"echo hello > notes.txt"_s, D, u"notes.txt"_s, u"> notes.txt"_s);
    row(u"ls 2> errors.log"_s, D, u"errors.log"_s);
    row(u"cat <<EOF > /tmp/note.txt\nhello\nEOF"_s, D, u"/tmp/note.txt"_s);
    row(u"tee /etc/nginx/nginx.conf < new.conf"_s, D, u"tee overwrites"_s);
    row(u"echo ok | tee -a log.txt"_s, S);
    row(u"echo ok | tee /dev/null"_s, S);

    // Services and containers.
    row(u"docker compose down"_s, D, u"down"_s);
    row(u"docker compose ps"_s, S);
    row(u"docker-compose -f prod.yml restart web"_s, D, u"restart"_s);
    row(u"docker compose -f prod.yml logs web"_s, S);
    row(u"docker-compose rm -f web"_s, D);
    row(u"docker-compose down -v"_s, D, u"volumes"_s);
    row(u"docker-compose exec web pkill -f worker"_s, D, u"pkill"_s);
    row(u"docker-compose exec -T web ls /app"_s, S);
    row(u"docker rm -f web"_s, D);
    row(u"docker kill web"_s, D);
    row(u"docker stop web"_s, D);
    row(u"docker system prune -af"_s, D, u"system prune"_s);
    row(u"docker ps -a"_s, S);
    row(u"docker exec -it db psql -c \"DROP TABLE users\""_s, D, u"DROP TABLE"_s);
    row(u"docker exec web ls /app"_s, S);
    row(u"kubectl get pods"_s, S);
    row(u"kubectl delete pod x"_s, D, u"kubectl delete"_s);
    row(u"kubectl -n prod scale deploy/web --replicas=0"_s, D, u"kubectl scale"_s);
    row(u"kubectl drain node-1"_s, D);
    row(u"kubectl rollout restart deploy/web"_s, D);
    row(u"kubectl logs -f web"_s, S);
    row(u"systemctl status nginx"_s, S);
    row(u"systemctl restart nginx"_s, D, u"systemctl restart"_s);
    row(u"sudo systemctl stop nginx"_s, D);
    row(u"systemctl disable nginx"_s, D);
    row(u"systemctl is-active nginx"_s, S);
    row(u"service nginx restart"_s, D);
    row(u"watch -n 5 docker-compose ps"_s, S);

    // Files and disks.
    row(u"rm -r logs/old"_s, D, u"rm -r"_s);
    row(u"rm notes.txt"_s, D, u"rm deletes files"_s);
    row(u"find . -name '*.tmp' -exec rm {} +"_s, D, u"rm deletes files"_s);
    row(u"find . -name '*.log' -print"_s, S);
    row(u"dd if=/dev/zero of=/dev/sda bs=1M"_s, D, u"dd overwrites /dev/sda"_s);
    row(u"dd if=/dev/sda of=/dev/null bs=1M count=10"_s, S);
    row(u"mkfs.ext4 /dev/sdb1"_s, D);
    row(u"truncate -s 0 app.log"_s, D);
    row(u"chmod -R 777 /"_s, D, u"chmod -R"_s);
    row(u"chmod -R 755 ./build"_s, S);
    row(u"chmod +x run.sh"_s, S);
    row(u"tar xzf backup.tgz -C /opt/bot-core"_s, D, u"extracts"_s);
    row(u"tar czf backup.tgz /opt/bot-core"_s, S);
    row(u"tar --extract -f a.tar"_s, D);
    row(u"tar -cfx.tar logs/"_s, S);
    row(u"tar -xzOf a.tgz config.toml | grep port"_s, S);
    row(u"rsync -a --delete src/ dst/"_s, D);
    row(u"rsync -a src/ dst/"_s, S);
    row(u"crontab -l"_s, S);
    row(u"crontab -r"_s, D);
    row(u"git reset --hard origin/main"_s, D, u"git reset"_s);
    row(u"git clean -fdx"_s, D);
    row(u"git status"_s, S);
    row(u"git pull"_s, S);

    // Network and machine.
    row(u"redis-cli flushall"_s, D, u"flushall"_s);
    row(u"redis-cli ping"_s, S);
    row(u"iptables -A INPUT -s 1.2.3.4 -j DROP"_s, D);
    row(u"iptables -L -n"_s, S);
    row(u"ufw status verbose"_s, S);
    row(u"ufw allow 22/tcp"_s, S);
    row(u"sysctl net.core.somaxconn"_s, S);
    row(u"reboot"_s, D, u"whole machine"_s);
    row(u"sudo shutdown -r now"_s, D);
    row(u"ssh app1 'sudo systemctl restart nginx'"_s, D, u"systemctl restart"_s);
    row(u"ssh app1 uptime"_s, S);

    // Databases.
    row(u"psql -c \"DELETE FROM jobs WHERE status = 'stuck'\""_s, C, u"WHERE"_s);
    row(u"psql -c \"DELETE FROM jobs\""_s, D, u"DELETE without WHERE"_s, u"DELETE FROM jobs"_s);
    row(u"psql -c \"TRUNCATE jobs\""_s, D, u"TRUNCATE"_s);
    row(u"psql \"$DATABASE_URL\" -c 'DROP TABLE users;'"_s, D, u"DROP TABLE"_s,
        u"DROP TABLE users"_s);
    row(u"psql -c \"SELECT 'DROP TABLE x'\""_s, S);
    row(u"mysql -e \"DROP DATABASE shop\""_s, D);
    row(u"sqlite3 app.db \"SELECT count(*) FROM users\""_s, S);
    row(u"sqlite3 app.db \"DELETE FROM sessions\""_s, D);
    row(u"sudo -u postgres psql -c \"DROP DATABASE bot\""_s, D);
    row(u"psql -f migrate.sql"_s, D, u"cannot verify"_s, {}, true);
    row(u"psql mydb < dump.sql"_s, D, u"cannot verify"_s, {}, true);
    row(u"pg_restore -d app backups/app.dump"_s, D, u"pg_restore"_s);
    row(u"pg_restore -l backups/app.dump"_s, S);
    row(u"pg_restore -d bot_core_test backups/app.dump"_s, C);
    row(u"dropdb bot_core_test"_s, C);
    row(u"dropdb app"_s, D);
    row(u"mongorestore --nsInclude='bot_core.*' --archive=x.gz --gzip"_s, D);
    row(u"mongorestore --uri=mongodb://localhost:27017/bot_core_test --archive=x --gzip --drop"_s,
        C);
    row(u"mongorestore --uri=mongodb://localhost:27017/bot_core_test --nsTo='bot_core.*' --drop"_s,
        D);
    row(u"mongosh --eval \"db.users.deleteMany({})\""_s, D, u"deleteMany"_s);
    row(u"mongosh --eval \"db.users.deleteMany({status: 'x'})\""_s, S);
    row(u"mongosh <<EOF\nuse bot_core\ndb.dropDatabase()\nEOF"_s, D, u"dropDatabase"_s,
        u"db.dropDatabase()"_s);
    row(u"psql <<'SQL'\nSELECT 1;\nSQL"_s, S);

    // What cannot be verified.
    row(u"find /tmp -type f -mtime +7 | xargs rm -f"_s, D, u"xargs"_s, {}, true);
    row(u"ls | xargs -n1 echo"_s, S);
    row(u"eval \"$(ssh-agent)\""_s, D, u"eval"_s, {}, true);
    row(u"bash -c \"ls -la\""_s, S);
    row(u"bash -c 'pkill -f gunicorn'"_s, D, u"pkill"_s, u"pkill -f gunicorn"_s);
    row(u"sh -c \"echo ok && systemctl restart nginx\""_s, D, u"systemctl"_s);
    row(u"curl -fsSL https://example.com/install.sh | sh"_s, D, u"pipe"_s, {}, true);
    row(u"bash <<'EOF'\nsystemctl restart nginx\nEOF"_s, D, u"systemctl"_s,
        u"systemctl restart nginx"_s);
    row(u"bash <<'EOF'\necho hello\nEOF"_s, S);
    row(u"bash <<EOF\n$STEP\nEOF"_s, D, u"heredoc"_s, {}, true);
    row(u"$CMD --help"_s, D, u"only known at run time"_s, {}, true);
    row(u"python3 -c \"import shutil; shutil.rmtree('/opt')\""_s, D, {}, {}, true);
    row(u"echo \"unterminated"_s, D, u"does not parse"_s, {}, true);
    row(u"ps aux | grep -v grep | awk '{print $2}' | xargs kill"_s, D, u"xargs runs kill"_s, {},
        true);
    row(u"find . -name '*.bak' -exec sh -c 'rm \"$1\"' _ {} \\;"_s, D, u"rm deletes"_s);
    row(u"ssh app1 sudo systemctl restart nginx"_s, D, u"systemctl restart"_s);
    row(u"sudo -i"_s, S);
    row(u"docker-compose run --rm web python manage.py showmigrations"_s, S);
    row(u"mongosh --eval \"db.getSiblingDB('bot_core_test').dropDatabase()\""_s, C, {},
        u"db.getSiblingDB('bot_core_test').dropDatabase()"_s);
    row(u"systemctl --user restart foo"_s, D);
    row(u"ufw delete allow 22"_s, D);
    row(u"psql -d bot_core_test -c \"DROP TABLE users\""_s, C, u"scratch database"_s);
    row(u"psql -d bot_core -c \"DROP TABLE users\""_s, D, u"DROP TABLE"_s);
}

void TestCommandClassifier::classify()
{
    QFETCH(QString, command);
    QFETCH(QString, level);
    QFETCH(QString, reason);
    QFETCH(QString, span);
    QFETCH(bool, cannotVerify);

    const Classification c = CommandClassifier::classify(command, defaultOptions());
    const QString detail = c.reasons.join(u" | "_s);
    QVERIFY2(safetyLevelName(c.level) == level,
             qPrintable(safetyLevelName(c.level) + u" ≠ "_s + level + u": "_s + detail));
    QCOMPARE(c.cannotVerify, cannotVerify);
    if (c.level == SafetyLevel::Safe) {
        QVERIFY(c.reasons.isEmpty());
        QVERIFY(c.spans.isEmpty());
    } else {
        QVERIFY(!c.reasons.isEmpty());
        QVERIFY(!c.spans.isEmpty());
    }
    if (!reason.isEmpty()) {
        QVERIFY2(detail.contains(reason), qPrintable(detail));
    }
    if (!span.isEmpty()) {
        const QStringList texts = spanTexts(command, c);
        QVERIFY2(texts.contains(span), qPrintable(texts.join(u" | "_s)));
    }
}

void TestCommandClassifier::classifySql_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("level");
    QTest::addColumn<QString>("span");

    QTest::newRow("select") << u"SELECT * FROM users WHERE id = 1;"_s << u"safe"_s << QString();
    QTest::newRow("vacuum") << u"VACUUM ANALYZE;"_s << u"safe"_s << QString();
    QTest::newRow("drop table") << u"SELECT 1;\ndrop table users;"_s << u"destructive"_s
                                << u"drop table users"_s;
    QTest::newRow("drop if exists")
        << u"DROP TABLE IF EXISTS tmp"_s << u"destructive"_s << QString();
    QTest::newRow("truncate") << u"TRUNCATE TABLE jobs"_s << u"destructive"_s << QString();
    QTest::newRow("delete all") << u"DELETE FROM jobs"_s << u"destructive"_s << QString();
    QTest::newRow("delete where") << u"DELETE FROM jobs WHERE id = 7"_s << u"confirm"_s
                                  << QString();
    QTest::newRow("where only in string")
        << u"DELETE FROM jobs -- WHERE id = 7\n;"_s << u"destructive"_s << QString();
    QTest::newRow("update all") << u"UPDATE users SET active = false"_s << u"destructive"_s
                                << QString();
    QTest::newRow("alter drop") << u"ALTER TABLE users DROP COLUMN email"_s << u"destructive"_s
                                << QString();
    QTest::newRow("drop in string")
        << u"SELECT 'DROP TABLE x; TRUNCATE y'"_s << u"safe"_s << QString();
    QTest::newRow("drop in comment") << u"/* DROP TABLE x */ SELECT 1"_s << u"safe"_s << QString();
    QTest::newRow("dollar quoted") << u"SELECT $$DELETE FROM x$$"_s << u"safe"_s << QString();
    QTest::newRow("cte delete") << u"WITH x AS (SELECT 1) DELETE FROM jobs"_s << u"destructive"_s
                                << QString();
    QTest::newRow("scratch database")
        << u"DROP DATABASE bot_core_test"_s << u"confirm"_s << QString();
    QTest::newRow("live database") << u"DROP DATABASE bot_core"_s << u"destructive"_s << QString();
    QTest::newRow("empty") << QString() << u"safe"_s << QString();
}

void TestCommandClassifier::classifySql()
{
    QFETCH(QString, sql);
    QFETCH(QString, level);
    QFETCH(QString, span);
    const Classification c = CommandClassifier::classifySql(sql, defaultOptions());
    QVERIFY2(safetyLevelName(c.level) == level, qPrintable(c.reasons.join(u" | "_s)));
    if (!span.isEmpty())
        QVERIFY2(spanTexts(sql, c).contains(span), qPrintable(spanTexts(sql, c).join(u'|')));
}

void TestCommandClassifier::placeholders()
{
    ClassifyOptions options;
    options.parameters = {{u"service"_s, u"web"_s}};

    const QString restart = u"systemctl restart <service>"_s;
    Classification c = CommandClassifier::classify(restart, options);
    QCOMPARE(c.command, u"systemctl restart web"_s);
    QCOMPARE(c.level, SafetyLevel::Destructive);
    QVERIFY(c.unresolvedPlaceholders.isEmpty());
    // The span is in the text the user wrote, placeholder included.
    QCOMPARE(spanTexts(restart, c), QStringList{restart});

    c = CommandClassifier::classify(u"docker-compose logs --tail=50 <service>"_s, options);
    QCOMPARE(c.level, SafetyLevel::Safe);
    QCOMPARE(c.command, u"docker-compose logs --tail=50 web"_s);

    // Unresolved placeholders stay words instead of turning into redirections.
    c = CommandClassifier::classify(u"docker logs <container> | grep <pattern>"_s, options);
    QCOMPARE(c.level, SafetyLevel::Safe);
    QCOMPARE(c.unresolvedPlaceholders, (QStringList{u"container"_s, u"pattern"_s}));

    // A value is inserted verbatim, so a value that smuggles a command is caught.
    options.parameters[u"service"_s] = u"web; rm -rf /"_s;
    c = CommandClassifier::classify(u"docker-compose logs <service>"_s, options);
    QCOMPARE(c.level, SafetyLevel::Destructive);
    QVERIFY(c.reasons.join(u'|').contains(u"rm -r"_s));

    // Real redirections are not placeholders.
    c = CommandClassifier::classify(u"sort <in.txt >out.txt"_s, options);
    QCOMPARE(c.level, SafetyLevel::Destructive);
    QVERIFY(c.unresolvedPlaceholders.isEmpty());
}

void TestCommandClassifier::scratchTargets()
{
    const QString restore =
        u"mongorestore --uri=mongodb://localhost:27017/bot_core_test --archive=a.gz --gzip"_s;
    QCOMPARE(CommandClassifier::classify(restore).level, SafetyLevel::Destructive);

    ClassifyOptions options;
    options.scratchTargets = {u"bot_core_test"_s};
    Classification c = CommandClassifier::classify(restore, options);
    QCOMPARE(c.level, SafetyLevel::Confirm);
    QVERIFY(!c.cannotVerify);

    // The scratch restore next to a destructive step does not soften the whole line.
    c = CommandClassifier::classify(restore + u" && docker-compose restart web"_s, options);
    QCOMPARE(c.level, SafetyLevel::Destructive);
    QCOMPARE(c.spans.size(), 2);

    // A target only known at run time is not a scratch target.
    c = CommandClassifier::classify(u"mongorestore --uri=\"$TEST_URL\" --gzip"_s, options);
    QCOMPARE(c.level, SafetyLevel::Destructive);

    c = CommandClassifier::classify(u"mongorestore -d bot_core_test --drop dump/"_s, options);
    QCOMPARE(c.level, SafetyLevel::Confirm);
    c = CommandClassifier::classify(u"mongorestore -d bot_core --drop dump/"_s, options);
    QCOMPARE(c.level, SafetyLevel::Destructive);
}

void TestCommandClassifier::badInputKeepsCommand()
{
    const QString text = u"docker-compose logs <svc> | grep \"unterminated"_s;
    const Classification c = CommandClassifier::classify(text, defaultOptions());
    QCOMPARE(c.level, SafetyLevel::Destructive);
    QVERIFY(c.cannotVerify);
    QCOMPARE(c.command, u"docker-compose logs python-ai-service | grep \"unterminated"_s);
    QVERIFY(c.reasons.first().contains(u"double quote"_s));
    QCOMPARE(spanTexts(text, c), QStringList{text});
}

void TestCommandClassifier::fuzz()
{
    // Deterministic: the same inputs on every run, so a failure can be reproduced.
    QRandomGenerator rng(20240607);
    const QStringList pieces = {u"pkill"_s,
                                u" "_s,
                                u"'"_s,
                                u"\""_s,
                                u"$("_s,
                                u")"_s,
                                u"("_s,
                                u"`"_s,
                                u"\\"_s,
                                u"|"_s,
                                u"||"_s,
                                u"&&"_s,
                                u";"_s,
                                u"&"_s,
                                u">"_s,
                                u">>"_s,
                                u"<<"_s,
                                u"EOF"_s,
                                u"\n"_s,
                                u"<svc>"_s,
                                u"<"_s,
                                u"${"_s,
                                u"}"_s,
                                u"$"_s,
                                u"#"_s,
                                u"sudo"_s,
                                u"-c"_s,
                                u"bash"_s,
                                u"xargs"_s,
                                u"rm"_s,
                                u"-rf"_s,
                                u"tar"_s,
                                u"-x"_s,
                                u"find"_s,
                                u"-exec"_s,
                                u"{}"_s,
                                u"\\;"_s,
                                u"mongosh"_s,
                                u"--eval"_s,
                                u"DROP"_s,
                                u"psql"_s,
                                u"docker"_s,
                                u"compose"_s,
                                u"\r"_s,
                                u"2>&1"_s,
                                u"$'"_s,
                                u"<<<"_s,
                                u"<("_s,
                                u"--uri=mongodb://h/"_s,
                                u"env"_s,
                                u"timeout"_s,
                                u"ssh"_s};
    for (int n = 0; n < 400; ++n) {
        QByteArray input;
        if (n % 4 == 3) {
            const int len = rng.bounded(200);
            for (int k = 0; k < len; ++k)
                input.append(char(rng.bounded(256)));
        } else {
            const int count = rng.bounded(40);
            QString text;
            for (int k = 0; k < count; ++k)
                text += pieces.at(rng.bounded(pieces.size()));
            input = text.toUtf8();
        }
        const int level = classifyForFuzzing(input.constData(), size_t(input.size()));
        QVERIFY2(level >= 0 && level <= 2, input.toHex().constData());
    }
    QCOMPARE(classifyForFuzzing(nullptr, 0), 0);
    const QByteArray deep =
        QByteArray("echo $(").repeated(300) + "pkill x" + QByteArray(")").repeated(300);
    QCOMPARE(classifyForFuzzing(deep.constData(), size_t(deep.size())),
             int(SafetyLevel::Destructive));
    const QByteArray pkill = "pkill -f gunicorn";
    QCOMPARE(classifyForFuzzing(pkill.constData(), size_t(pkill.size())),
             int(SafetyLevel::Destructive));
}

QTEST_GUILESS_MAIN(TestCommandClassifier)
#include "tst_commandclassifier.moc"
