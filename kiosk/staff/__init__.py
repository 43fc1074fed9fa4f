"""What staff do on the kiosk: the staff password and panel access, the 目視 password, the dashboard's figures, changing settings (all audited)."""
