import { SignInPage } from "@/modules/auth/sign-in-page";

export default SignInPage;
