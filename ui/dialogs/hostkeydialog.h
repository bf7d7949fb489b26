// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "ssh/sshsession.h"

#include <QDialog>

class QMessageBox;
class QPushButton;

namespace ph {

/**
 * Asks what to do about a host key no known_hosts file knows: accept it for this session,
 * accept it and save it in the console's own known_hosts file, or reject it. Shows the host,
 * port, key type and SHA256 fingerprint so the user can compare it with what the server's
 * owner published. Reject is the default button, and closing the dialog rejects too.
 */
class HostKeyDialog : public QDialog
{
    Q_OBJECT
public:
    /// @p hostLabel: the workspace's name of the host, shown next to the address.
    HostKeyDialog(const QString &hostLabel, const QString &address, int port,
                  const QString &keyType, const QString &fingerprint, QWidget *parent = nullptr);

    /// The user's choice; Reject until one of the accepting buttons was pressed.
    HostKeyDecision decision() const { return m_decision; }

    /// "accept-once", "accept-and-save" or "reject": how the audit log names a decision.
    static QString decisionName(HostKeyDecision decision);

    /**
     * The refusal of a changed (or other-type) host key, "ssh.hostkey_changed": the error's
     * message names the old and the new fingerprint and what to do; there is only a Close
     * button, because nothing the user clicks here may let the connection go on.
     */
    static QMessageBox *changedKeyRefusal(const Error &error, const QString &hostLabel,
                                          QWidget *parent = nullptr);

    void done(int result) override;

Q_SIGNALS:
    /// Emitted once, when the dialog closes.
    void decided(ph::HostKeyDecision decision);

private:
    HostKeyDecision m_decision = HostKeyDecision::Reject;
    bool m_emitted = false;
    QPushButton *m_acceptOnce;
    QPushButton *m_acceptSave;
    QPushButton *m_reject;
};

} // namespace ph
