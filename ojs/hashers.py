"""Sign in with the password people had in OJS.

OJS stores PHP `password_hash()` bcrypt hashes (`$2y$10$…`). Imported accounts
keep them as `ojs_bcrypt$<hash>`; this hasher checks them. It comes after the
default in PASSWORD_HASHERS, so Django re-hashes the password with the default
on the first successful sign-in and the OJS hash is gone.
"""

import bcrypt
from django.contrib.auth.hashers import BasePasswordHasher, mask_hash
from django.utils.translation import gettext_noop as _


class OjsBcryptPasswordHasher(BasePasswordHasher):
    algorithm = "ojs_bcrypt"

    def salt(self):  # pragma: no cover - never used to hash new passwords
        return ""

    def encode(self, password, salt):
        # Only for Django's timing-attack dummy run; new passwords use the default.
        hashed = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=10)).decode()
        return f"{self.algorithm}${hashed}"

    def verify(self, password, encoded):
        algorithm, _sep, ojs_hash = encoded.partition("$")
        if algorithm != self.algorithm or not ojs_hash:
            return False
        # PHP's $2y$ is the same algorithm as $2b$; the library wants $2b$.
        candidate = "$2b$" + ojs_hash[4:] if ojs_hash.startswith("$2y$") else ojs_hash
        try:
            return bcrypt.checkpw(password.encode(), candidate.encode())
        except ValueError:
            return False

    def decode(self, encoded):
        algorithm, _sep, ojs_hash = encoded.partition("$")
        return {"algorithm": algorithm, "hash": ojs_hash, "salt": ojs_hash[7:29]}

    def safe_summary(self, encoded):
        decoded = self.decode(encoded)
        return {
            _("algorithm"): decoded["algorithm"],
            _("hash"): mask_hash(decoded["hash"]),
        }

    def must_update(self, encoded):
        return True

    def harden_runtime(self, password, encoded):
        pass
